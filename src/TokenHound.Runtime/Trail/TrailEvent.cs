namespace TokenHound.Runtime.Trail;

/// <summary>The fields of a CloudTrail record that the detections use (the rest is skipped while parsing).</summary>
public sealed class TrailEvent
{
    public DateTime Time;
    public bool HasTime;
    public string? EventSource;
    public string? EventName;
    public string? AwsRegion;
    public string? SourceIp;
    public string? UserAgent;
    public string? EventId;
    public string? EventType;
    public string? RecipientAccountId;
    public string? VpcEndpointId;
    public string? ErrorCode;
    public bool ReadOnly;

    // userIdentity
    public string? IdentityType;
    public string? PrincipalId;
    public string? Arn;
    public string? AccountId;
    public string? AccessKeyId;
    public string? InvokedBy;
    public string? UserName;
    public string? IssuerArn;
    public string? IssuerUserName;
    public string? IssuerType;
    public string? Ec2RoleDelivery;

    // requestParameters (the few that matter)
    public string? RequestRoleArn;
    public string? RequestRoleSessionName;
    public string? RequestSecretId;
    public string? RequestName;
    public string? RequestUserName;
    public string? RequestKeyId;
    public bool RequestWithDecryption;
    public string? RequestNames;

    // responseElements
    public string? IssuedAccessKeyId;
    public string? IssuedExpiration;
    public string? AssumedRoleArn;

    /// <summary>The input the record came from (display path).</summary>
    public string? File;

    /// <summary>Order of arrival, to keep the sort stable.</summary>
    public long Sequence;

    /// <summary>The principal for familiarity and harvest: the role (session issuer) or the user ARN.</summary>
    public string? Principal => IssuerArn ?? Arn ?? PrincipalId;

    /// <summary>Role session name (the part after the last "/" of an assumed-role ARN).</summary>
    public string? SessionName
    {
        get
        {
            if (Arn is null || !Arn.Contains(":assumed-role/", StringComparison.Ordinal))
            {
                return null;
            }

            var i = Arn.LastIndexOf('/');
            return i >= 0 && i + 1 < Arn.Length ? Arn[(i + 1)..] : null;
        }
    }
}
