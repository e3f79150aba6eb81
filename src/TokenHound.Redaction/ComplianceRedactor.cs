using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;

namespace TokenHound.Redaction;

/// <summary>
/// A <see cref="Redactor"/> for Microsoft.Extensions.Compliance backed by the TokenHound detectors: tokens in the
/// value are replaced, every other character is kept. Register it for the data classifications that may carry
/// tokens (<see cref="TokenComplianceExtensions.SetTokenRedactor"/>).
/// </summary>
public sealed class TokenComplianceRedactor : Redactor
{
    private readonly TokenRedactor _redactor;

    public TokenComplianceRedactor()
        : this(TokenRedactor.Default)
    {
    }

    public TokenComplianceRedactor(TokenRedactor redactor)
    {
        _redactor = redactor;
    }

    public override int GetRedactedLength(ReadOnlySpan<char> input) =>
        _redactor.TryRedact(input, out var r) ? r.Length : input.Length;

    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
    {
        if (!_redactor.TryRedact(source, out var r))
        {
            source.CopyTo(destination);
            return source.Length;
        }

        r.AsSpan().CopyTo(destination);
        return r.Length;
    }
}

/// <summary>Registration of <see cref="TokenComplianceRedactor"/>.</summary>
public static class TokenComplianceExtensions
{
    /// <summary>Uses the token redactor for data of these classifications.</summary>
    public static IRedactionBuilder SetTokenRedactor(this IRedactionBuilder builder, params DataClassificationSet[] classifications)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.SetRedactor<TokenComplianceRedactor>(classifications);
    }

    /// <summary>Uses the token redactor for every classification that has no redactor of its own.</summary>
    public static IRedactionBuilder SetTokenRedactorAsFallback(this IRedactionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.SetFallbackRedactor<TokenComplianceRedactor>();
    }

    /// <summary>
    /// Adds Microsoft.Extensions.Compliance redaction with the token redactor for the given classifications (all
    /// classifications without their own redactor when none are given).
    /// </summary>
    public static IServiceCollection AddTokenComplianceRedaction(this IServiceCollection services, params DataClassificationSet[] classifications)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddRedaction(b =>
        {
            if (classifications.Length == 0)
            {
                b.SetTokenRedactorAsFallback();
            }
            else
            {
                b.SetTokenRedactor(classifications);
            }
        });
    }
}
