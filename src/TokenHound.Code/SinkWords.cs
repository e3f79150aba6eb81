using System.Buffers;

namespace TokenHound.Code;

/// <summary>
/// The words without which no code rule can report inside a function body: the sinks (loggers, responses, cookies,
/// Web Storage, SDK clients and calls that carry a payload, URL query strings), the settings the rules read, and the
/// verify / validate calls whose presence in a nested function clears a finding in the enclosing one, and the traced
/// sources a function of the file may return to its callers (<c>getApiKey()</c> returning an SSM SecureString). The lexer marks
/// every identifier and string that contains one (<see cref="Token.Sink"/>); the parser skips the body of a JavaScript,
/// TypeScript or Python function that holds none of them, because the taint engine reports only at a sink or setting
/// inside the function being walked (its findings never come from a sink in another function, except a call to a response
/// helper of the same file, <c>respond(401, …)</c> / <c>buildResponse(…)</c>, whose name holds "respond" or "response").
/// </summary>
/// <remarks>
/// Matching is deliberately loose (substrings of the name normalized by <see cref="Names.NormInto"/>, the way
/// <see cref="Names.Norm"/> compares keys): a word too many only costs a body that could have been skipped; a word
/// too few loses findings. Each rule's samples run through the skipping parser, so a sink missing here fails a test.
/// </remarks>
public static class SinkWords
{
    private static readonly SearchValues<string> Fragments = SearchValues.Create(
    [
        // logging (THC001, THC002): console.*, logger.*, log.*, print, fmt, System.out, Debug/Trace, zap
        "log", "console", "print", "fmt", "system", "debug", "trace", "zap", "audit",
        // responses and debug pages (THC003); Python's response factories and tracebacks
        "response", "respond", "statuscode", "errorhandler", "exceptionpage", "jsonify", "abort", "httpexception", "traceback",
        "formatexc", "formatexception", "formattb", "formatstack", "extracttb",
        // GraphQL error formatters return the client's error: Apollo formatError(formattedError, error) → error.originalError
        "originalerror", "formattederror", "unwrapresolvererror",
        // JWT decoding, settings and verification (THC004, THC005)
        "jwt", "jose", "decode", "verif", "validat", "atob", "base64", "algorithm", "ignoreexpiration", "parseclaims", "unverified",
        "parsesigned", "unsecured", "readtoken", "readjsonwebtoken", "requireexp", "requireaud", "requiresigned",
        // browser storage and cookies (THC007)
        "cookie", "storage", "setitem", "serialize",
        // static credentials (THC008)
        "credential", "accesskey", "secretkey", "env", "setproperty", "amazon",
        // downstream payloads and URLs (THC009)
        "invoke", "startexecution", "startsyncexecution", "sendmessage", "publish", "putevent", "putrecord",
        "sendtasksuccess", "searchparams", "token=", "key=", "auth=", "password=", "secret=",
        // traced sources: a function of the file that returns a secret or the caller's token is a source where it is
        // called (getApiKey() returning an SSM SecureString, sessionFrom(request) returning the Authorization header)
        "secretvalue", "getsecret", "getparameter", "assumerole", "initiateauth", "authchallenge", "getsessiontoken",
        "getfederationtoken", "getcredentialsforidentity", "getopenidtoken", "getauthorizationtoken", "createstreamkey", "getstreamkey",
    ], StringComparison.Ordinal);

    /// <summary>Whole identifiers that count as sink words: receivers (res.send / reply.send, ctx.body, axios.get(…, {params})) and `stack`.</summary>
    private static readonly HashSet<string> Receivers = new(StringComparer.Ordinal)
    {
        "res", "resp", "reply", "ctx", "requests", "axios", "httpx", "session", "client", "http", "got", "superagent",
        // err.stack: a stack trace returned through a framework helper without a sink word (Remix json({ stack }))
        "stack",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ReceiverLookup = Receivers.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Longer identifiers or strings are not examined: they count as sinks.</summary>
    private const int MaxExamined = 512;

    /// <summary>True when the identifier or string (its source text, quotes included) may be part of a sink.</summary>
    public static bool Contains(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxExamined)
        {
            return true;
        }

        if (ReceiverLookup.Contains(text))
        {
            return true;
        }

        Span<char> buf = stackalloc char[text.Length];
        return buf[..Names.NormInto(text, buf)].IndexOfAny(Fragments) >= 0;
    }
}
