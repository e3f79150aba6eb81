using HotChocolate;

namespace Support.Graph;

public sealed class VerboseErrorFilter : IErrorFilter
{
    public IError OnError(IError error)
    {
        if (error.Exception is null)
        {
            return error;
        }

        if (error.Exception is TimeoutException)
        {
            return error.WithMessage("The upstream service timed out.").SetExtension("retryable", true);
        }

        return error.WithMessage(error.Exception.Message).SetExtension("exception", error.Exception.ToString()); // Noncompliant
    }
}
