using System.Text.Json;

namespace TokenHound.Runtime.IO;

/// <summary>Context of a value handed out by <see cref="JsonStreamer"/>.</summary>
public sealed class JsonStreamContext
{
    /// <summary>String and number properties of the enclosing top-level object seen so far (logGroup, logStream, owner ...).</summary>
    public Dictionary<string, string> Envelope { get; } = new(StringComparer.Ordinal);

    /// <summary>Name of the array the element comes from ("Records", "events" ...), or null for a whole top-level value.</summary>
    public string? ArrayName { get; set; }

    /// <summary>Byte offset of the value in the (decompressed) input.</summary>
    public long Offset { get; set; }
}

/// <summary>
/// Reads a JSON input of any size with bounded memory: a top-level object whose first property is one of the envelope
/// keys (e.g. <c>{"Records":[…]}</c>) is not loaded whole; the elements of its arrays named in
/// <see cref="JsonStreamer.ArrayNames"/> are handed out one at a time. Any other top-level value (a JSON-lines record,
/// concatenated records) is handed out whole. The handler gets a reader positioned on the value's first token, with the
/// whole value in the buffer, and must consume exactly that value.
/// </summary>
public sealed class JsonStreamer
{
    public delegate void ValueHandler(ref Utf8JsonReader reader, JsonStreamContext context);

    public required IReadOnlySet<string> EnvelopeKeys { get; init; }

    public required IReadOnlySet<string> ArrayNames { get; init; }

    /// <summary>Largest single value (element or whole record) accepted, bytes.</summary>
    public int MaxValueBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// Streams <paramref name="stream"/>. Returns false and sets <paramref name="error"/> when the input is not valid JSON
    /// or ends in the middle of a value (what was read before is handled).
    /// </summary>
    public bool Run(Stream stream, ValueHandler onElement, ValueHandler onRecord, out string? error)
    {
        error = null;
        var buffer = new byte[64 * 1024];
        int start = 0, end = 0;
        long baseOffset = 0;
        var eof = false;
        var state = new JsonReaderState(new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        var ctx = new JsonStreamContext();

        // Parser state that survives refills.
        var inEnvelope = false;      // inside a top-level object being streamed
        var inTopArray = false;      // inside a top-level array: elements are records
        string? property = null;     // current depth-1 property name in an envelope
        string? streamingArray = null;

        while (true)
        {
            if (!eof && end < buffer.Length)
            {
                var n = stream.Read(buffer, end, buffer.Length - end);
                if (n == 0)
                {
                    eof = true;
                }

                end += n;
            }

            var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), eof, state);
            var needMore = false;
            try
            {
                while (true)
                {
                    var before = reader;
                    if (!reader.Read())
                    {
                        reader = before;
                        needMore = true;
                        break;
                    }

                    var depth = reader.CurrentDepth;
                    var tt = reader.TokenType;
                    if (depth == 0 && !inEnvelope && !inTopArray)
                    {
                        if (tt == JsonTokenType.StartArray)
                        {
                            inTopArray = true;
                            continue;
                        }

                        if (tt != JsonTokenType.StartObject)
                        {
                            continue; // a bare scalar: nothing to look at
                        }

                        var peek = reader;
                        if (!peek.Read())
                        {
                            reader = before;
                            needMore = true;
                            break;
                        }

                        if (peek.TokenType == JsonTokenType.PropertyName && EnvelopeKeys.Contains(peek.GetString()!))
                        {
                            inEnvelope = true;
                            ctx.Envelope.Clear();
                            property = null;
                            continue;
                        }

                        if (!HandleWhole(ref reader, ref before, onRecord, ctx, null, baseOffset + start, out needMore))
                        {
                            break;
                        }

                        continue;
                    }

                    if (inTopArray && depth == 0 && tt == JsonTokenType.EndArray)
                    {
                        inTopArray = false;
                        continue;
                    }

                    if (inTopArray && depth == 1)
                    {
                        if (tt is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            if (!HandleWhole(ref reader, ref before, onRecord, ctx, null, baseOffset + start, out needMore))
                            {
                                break;
                            }
                        }

                        continue;
                    }

                    if (inEnvelope)
                    {
                        if (depth == 0 && tt == JsonTokenType.EndObject)
                        {
                            inEnvelope = false;
                            streamingArray = null;
                            continue;
                        }

                        if (streamingArray is not null)
                        {
                            if (depth == 1 && tt == JsonTokenType.EndArray)
                            {
                                streamingArray = null;
                                continue;
                            }

                            if (depth == 2 && tt is not (JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.PropertyName or JsonTokenType.Comment))
                            {
                                if (!HandleWhole(ref reader, ref before, onElement, ctx, streamingArray, baseOffset + start, out needMore))
                                {
                                    break;
                                }
                            }

                            continue;
                        }

                        if (depth == 1)
                        {
                            if (tt == JsonTokenType.PropertyName)
                            {
                                property = reader.GetString();
                                continue;
                            }

                            if (tt == JsonTokenType.String && property is not null)
                            {
                                ctx.Envelope[property] = reader.GetString() ?? "";
                                continue;
                            }

                            if (tt == JsonTokenType.Number && property is not null)
                            {
                                ctx.Envelope[property] = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                                continue;
                            }

                            if (tt == JsonTokenType.StartArray && property is not null && ArrayNames.Contains(property))
                            {
                                streamingArray = property;
                                continue;
                            }

                            if (tt is JsonTokenType.StartObject or JsonTokenType.StartArray)
                            {
                                var probe = reader;
                                if (!probe.TrySkip())
                                {
                                    reader = before;
                                    needMore = true;
                                    break;
                                }

                                reader.TrySkip();
                            }
                        }
                    }
                }
            }
            catch (JsonException e)
            {
                error = $"invalid JSON at byte {baseOffset + start + reader.BytesConsumed}: {e.Message}";
                return false;
            }

            var consumed = (int)reader.BytesConsumed;
            state = reader.CurrentState;
            start += consumed;
            if (!needMore)
            {
                continue;
            }

            if (eof)
            {
                if (start < end && !IsWhitespace(buffer.AsSpan(start, end - start)))
                {
                    error = $"input ends in the middle of a JSON value (byte {baseOffset + end})";
                    return false;
                }

                if (inEnvelope || inTopArray)
                {
                    error = $"input ends before the JSON document is complete (byte {baseOffset + end})";
                    return false;
                }

                return true;
            }

            // Make room: shift what is left to the front, grow when one value does not fit.
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                baseOffset += start;
                end -= start;
                start = 0;
            }

            if (end == buffer.Length)
            {
                if (buffer.Length >= MaxValueBytes)
                {
                    error = $"a JSON value larger than {MaxValueBytes / (1024 * 1024)} MB at byte {baseOffset}; rest of the input skipped";
                    return false;
                }

                Array.Resize(ref buffer, Math.Min(MaxValueBytes, buffer.Length * 2));
            }
        }
    }

    private static bool HandleWhole(ref Utf8JsonReader reader, ref Utf8JsonReader before, ValueHandler handler, JsonStreamContext ctx, string? arrayName, long bufferOffset, out bool needMore)
    {
        needMore = false;
        var probe = reader;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !probe.TrySkip())
        {
            reader = before;
            needMore = true;
            return false;
        }

        ctx.ArrayName = arrayName;
        ctx.Offset = bufferOffset + reader.TokenStartIndex;
        var depth = reader.CurrentDepth;
        var isContainer = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray;
        var copy = reader;
        handler(ref reader, ctx);

        // The handler must leave the reader on the value's last token; repair when it did not.
        if (isContainer && !(reader.CurrentDepth == depth && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray))
        {
            reader = copy;
            reader.TrySkip();
        }

        return true;
    }

    private static bool IsWhitespace(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
