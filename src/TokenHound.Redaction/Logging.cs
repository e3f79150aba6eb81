using System.Collections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TokenHound.Redaction;

/// <summary>Wraps a logger: the formatted message, structured state values, scopes and exception text are redacted before the inner logger sees them.</summary>
public sealed class RedactingLogger(ILogger inner, TokenRedactor redactor) : ILogger
{
    public ILogger Inner => inner;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        if (state is IReadOnlyList<KeyValuePair<string, object?>> list)
        {
            return RedactedLogState.TryCreate(list, null, redactor, out var copy) ? inner.BeginScope(copy!) : inner.BeginScope(state);
        }

        var redacted = RedactedLogState.RedactValue(state, redactor);
        return ReferenceEquals(redacted, state) || redacted is null ? inner.BeginScope(state) : inner.BeginScope(redacted);
    }

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(formatter);
        var message = formatter(state, exception);
        var messageChanged = redactor.TryRedact(message, out var redactedMessage);
        RedactedLogState? copy = null;
        if (state is IReadOnlyList<KeyValuePair<string, object?>> list)
        {
            RedactedLogState.TryCreate(list, redactedMessage ?? message, redactor, out copy);
        }

        var redactedException = exception is null ? null : RedactedException.Create(exception, redactor);
        if (!messageChanged && copy is null && ReferenceEquals(redactedException, exception))
        {
            // Clean: the original state goes on (structured providers keep its type); the message is not formatted twice.
            inner.Log(logLevel, eventId, state, exception, (_, _) => message);
            return;
        }

        copy ??= RedactedLogState.MessageOnly(redactedMessage ?? message, state as IReadOnlyList<KeyValuePair<string, object?>>, redactor);
        inner.Log(logLevel, eventId, copy, redactedException, static (s, _) => s.Message);
    }
}

/// <summary>A redacted copy of a structured log state: the values with tokens replaced; <see cref="ToString"/> is the redacted message.</summary>
public sealed class RedactedLogState : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _items;

    private RedactedLogState(KeyValuePair<string, object?>[] items, string message)
    {
        _items = items;
        Message = message;
    }

    public string Message { get; }

    public int Count => _items.Length;

    public KeyValuePair<string, object?> this[int index] => _items[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public override string ToString() => Message;

    /// <summary>A copy when any value holds a token (message: the given one, or the redacted state's ToString()).</summary>
    public static bool TryCreate(IReadOnlyList<KeyValuePair<string, object?>> state, string? message, TokenRedactor redactor, out RedactedLogState? copy)
    {
        copy = null;
        KeyValuePair<string, object?>[]? items = null;
        var n = state.Count;
        for (var i = 0; i < n; i++)
        {
            var kv = state[i];
            var redacted = RedactValue(kv.Value, redactor);
            if (ReferenceEquals(redacted, kv.Value))
            {
                continue;
            }

            if (items is null)
            {
                items = new KeyValuePair<string, object?>[n];
                for (var j = 0; j < i; j++)
                {
                    items[j] = state[j];
                }
            }

            items[i] = new KeyValuePair<string, object?>(kv.Key, redacted);
        }

        if (items is null)
        {
            return false;
        }

        for (var i = 0; i < n; i++)
        {
            items[i] = items[i].Key is null ? state[i] : items[i];
        }

        copy = new RedactedLogState(items, message ?? redactor.Redact(state.ToString() ?? ""));
        return true;
    }

    internal static RedactedLogState MessageOnly(string message, IReadOnlyList<KeyValuePair<string, object?>>? state, TokenRedactor redactor)
    {
        if (state is null)
        {
            return new RedactedLogState([], message);
        }

        var items = new KeyValuePair<string, object?>[state.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = state[i];
        }

        _ = redactor;
        return new RedactedLogState(items, message);
    }

    /// <summary>A dictionary copy with redacted values (keys redacted too) when any holds a token, else null.</summary>
    private static Dictionary<string, object?>? RedactPairs(IEnumerable<KeyValuePair<string, object?>> pairs, TokenRedactor redactor)
    {
        var copy = new List<KeyValuePair<string, object?>>();
        var changed = false;
        foreach (var (k, v) in pairs)
        {
            var key = redactor.TryRedact(k, out var rk) ? rk : k;
            var value = RedactValue(v, redactor);
            changed |= !ReferenceEquals(key, k) || !ReferenceEquals(value, v);
            copy.Add(new KeyValuePair<string, object?>(key, value));
        }

        if (!changed)
        {
            return null;
        }

        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in copy)
        {
            d[k] = v;
        }

        return d;
    }

    /// <summary>The value with tokens replaced (the same instance when clean). Primitives are never tokens; other objects are checked through ToString().</summary>
    internal static object? RedactValue(object? value, TokenRedactor redactor)
    {
        switch (value)
        {
            case null or bool or char or byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal
                or DateTime or DateTimeOffset or TimeSpan or Guid or Enum or byte[]:
                return value;
            case string s:
                return redactor.TryRedact(s, out var r) ? r : value;
            case IEnumerable<string> strings:
                var list = strings as IList<string> ?? [.. strings];
                string[]? copy = null;
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is { } item && redactor.TryRedact(item, out var ri))
                    {
                        copy ??= [.. list];
                        copy[i] = ri;
                    }
                }

                return copy ?? value;
            case IEnumerable<KeyValuePair<string, string>> pairs:
                return RedactPairs(pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)), redactor) ?? value;
            case IEnumerable<KeyValuePair<string, string[]>> multi:
                return RedactPairs(multi.Select(p => new KeyValuePair<string, object?>(p.Key, string.Join(", ", p.Value))), redactor) ?? value;
            case IEnumerable<KeyValuePair<string, object?>> objects:
                return RedactPairs(objects, redactor) ?? value;
            case IEnumerable items:
                List<string?>? texts = null;
                var changed = false;
                foreach (var item in items)
                {
                    var t = item?.ToString();
                    if (t is not null && redactor.TryRedact(t, out var rt2))
                    {
                        t = rt2;
                        changed = true;
                    }

                    (texts ??= []).Add(t);
                }

                return changed ? texts!.ToArray() : value;
            default:
                var text = value.ToString();
                return text is not null && redactor.TryRedact(text, out var rt) ? rt : value;
        }
    }
}

/// <summary>Stands in for an exception whose message or stack text held a token: same message shape, redacted text.</summary>
public sealed class RedactedException : Exception
{
    private readonly string _text;
    private readonly string? _stackTrace;

    private RedactedException(Exception original, string message, string text, string? stackTrace, Exception? inner)
        : base(message, inner)
    {
        OriginalType = original.GetType().FullName ?? original.GetType().Name;
        _text = text;
        _stackTrace = stackTrace;
        HResult = original.HResult;
        Source = original.Source;
    }

    /// <summary>The full name of the exception type that was replaced.</summary>
    public string OriginalType { get; }

    public override string? StackTrace => _stackTrace;

    public override string ToString() => _text;

    /// <summary>The exception itself when its text holds no token, else a redacted stand-in.</summary>
    public static Exception Create(Exception exception, TokenRedactor redactor)
    {
        var text = exception.ToString();
        if (!redactor.TryRedact(text, out var redactedText))
        {
            return exception;
        }

        var message = redactor.Redact(exception.Message);
        var stack = redactor.Redact(exception.StackTrace);
        var inner = exception.InnerException is { } ie ? Create(ie, redactor) : null;
        return new RedactedException(exception, message, redactedText, stack, inner);
    }
}

/// <summary>Wraps a logger provider so every logger it creates redacts tokens first.</summary>
public sealed class RedactingLoggerProvider(ILoggerProvider inner, TokenRedactor redactor) : ILoggerProvider, ISupportExternalScope
{
    public ILoggerProvider Inner => inner;

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redactor);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope s)
        {
            s.SetScopeProvider(scopeProvider);
        }
    }

    public void Dispose() => inner.Dispose();
}

/// <summary>Wraps a logger factory so every logger it creates redacts before any provider sees an entry.</summary>
public sealed class RedactingLoggerFactory(ILoggerFactory inner, TokenRedactor redactor) : ILoggerFactory
{
    public ILoggerFactory Inner => inner;

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redactor);

    public void Dispose() => inner.Dispose();
}

/// <summary>Options of <see cref="TokenRedactionLoggingExtensions.AddTokenRedaction(ILoggingBuilder, Action{RedactionOptions}?)"/>.</summary>
public static class TokenRedactionLoggingExtensions
{
    /// <summary>
    /// Redacts tokens from every log entry before any provider sees it: wraps the logger factory, so every provider —
    /// registered before or after this call — gets redacted messages, state values, scopes and exceptions, and
    /// per-provider filter configuration ("Logging:Console:LogLevel") keeps working. One line:
    /// <c>builder.Logging.AddTokenRedaction();</c>
    /// </summary>
    public static ILoggingBuilder AddTokenRedaction(this ILoggingBuilder builder, Action<RedactionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = new RedactionOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(_ => new TokenRedactor(options));
        var existing = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory));
        if (existing is not null && existing.ImplementationFactory?.Target is TokenRedactionMarker)
        {
            return builder; // already added
        }

        var marker = new TokenRedactionMarker(existing);
        services.RemoveAll<ILoggerFactory>();
        services.AddSingleton<ILoggerFactory>(marker.Create);
        return builder;
    }

    /// <summary>Wraps the provider itself (for code that builds providers by hand).</summary>
    public static ILoggerProvider WithTokenRedaction(this ILoggerProvider provider, TokenRedactor? redactor = null) =>
        new RedactingLoggerProvider(provider, redactor ?? TokenRedactor.Default);

    /// <summary>Wraps a logger.</summary>
    public static ILogger WithTokenRedaction(this ILogger logger, TokenRedactor? redactor = null) =>
        logger as RedactingLogger ?? (ILogger)new RedactingLogger(logger, redactor ?? TokenRedactor.Default);

    private sealed class TokenRedactionMarker(ServiceDescriptor? original)
    {
        public ILoggerFactory Create(IServiceProvider sp)
        {
            var redactor = sp.GetRequiredService<TokenRedactor>();
            ILoggerFactory inner;
            if (original?.ImplementationInstance is ILoggerFactory instance)
            {
                inner = instance;
            }
            else if (original?.ImplementationFactory is { } factory)
            {
                inner = (ILoggerFactory)factory(sp);
            }
            else if (original?.ImplementationType is { } type && type != typeof(LoggerFactory))
            {
                inner = (ILoggerFactory)ActivatorUtilities.CreateInstance(sp, type);
            }
            else
            {
                inner = new LoggerFactory(
                    sp.GetServices<ILoggerProvider>(),
                    sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
                    sp.GetService<IOptions<LoggerFactoryOptions>>(),
                    sp.GetService<IExternalScopeProvider>());
            }

            return new RedactingLoggerFactory(inner, redactor);
        }
    }
}
