using System.Globalization;
using System.Text.RegularExpressions;
using TokenHound.Core;

namespace TokenHound.Runtime.Trail;

/// <summary>
/// The stateful CloudTrail detections. Feed events in time order with <see cref="Process"/>; <see cref="Findings"/>
/// gives one finding per incident (rule + key or identity). State is bounded: keys and principals idle for longer than
/// their lifetime are evicted as time advances.
/// </summary>
public sealed partial class TrailAnalyzer
{
    private static readonly string[] ScannerAgents =
    [
        "trufflehog", "pacu", "cloudfox", "enumerate-iam", "weirdaal", "s3scanner", "kali", "parrot", "pentoo",
    ];

    private static readonly HashSet<string> ReconEvents = new(StringComparer.Ordinal)
    {
        "GetCallerIdentity", "GetAccountAuthorizationDetails", "ListBuckets", "ListUsers", "ListRoles", "ListGroups",
        "ListPolicies", "ListAttachedUserPolicies", "ListUserPolicies", "ListAttachedRolePolicies", "GetUser",
        "ListAccessKeys", "GetAccountSummary", "ListAccountAliases", "DescribeInstances", "DescribeRegions", "ListSecrets",
        "DescribeParameters", "ListFunctions20150331", "ListFunctions", "DescribeDBInstances", "ListTopics", "ListQueues",
        "DescribeSnapshots", "ListClusters", "DescribeVpcs", "ListKeys", "ListIdentities", "GetSendQuota",
        "GetCostAndUsage", "DescribeOrganization", "ListAccounts", "GetAccountPasswordPolicy", "ListMFADevices",
        "ListInstanceProfiles", "ListDistributions", "DescribeSecurityGroups", "ListStacks", "ListDomainNames",
    };

    private static readonly HashSet<string> IssuingEvents = new(StringComparer.Ordinal)
    {
        "GetSessionToken", "GetFederationToken", "CreateAccessKey", "AssumeRole", "AssumeRoleWithWebIdentity", "AssumeRoleWithSAML",
        "CreateLoginProfile", "UpdateLoginProfile",
    };

    private static readonly HashSet<string> PersistenceEvents = new(StringComparer.Ordinal)
    {
        "GetSessionToken", "GetFederationToken", "CreateAccessKey", "CreateLoginProfile", "UpdateLoginProfile", "AssumeRole",
    };

    private const int ReconDistinctThreshold = 3;
    private const int FamiliarHistory = 5;
    private static readonly TimeSpan Probation = TimeSpan.FromHours(1);
    private static readonly TimeSpan TemporaryKeyTtl = TimeSpan.FromHours(48);
    private static readonly TimeSpan LongTermKeyTtl = TimeSpan.FromDays(30);

    private readonly TrailConfig _config;
    private readonly IpClassifier _ips;
    private readonly bool _geo;
    private readonly HashSet<string> _allowAccounts;
    private readonly HashSet<string> _allowRoles;
    private readonly HashSet<long> _allowAsns;
    private readonly TimeSpan _window;
    private readonly TimeSpan _harvestWindow;

    private readonly Dictionary<string, KeyState> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PrincipalState> _principals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssueRecord> _issued = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Incident> _incidents = new(StringComparer.Ordinal);
    private DateTime _now = DateTime.MinValue;
    private DateTime _lastSweep = DateTime.MinValue;

    public TrailAnalyzer(TrailConfig config, IpClassifier ips, bool geo)
    {
        _config = config;
        _ips = ips;
        _geo = geo;
        _allowAccounts = new HashSet<string>(config.AllowAccounts, StringComparer.Ordinal);
        _allowRoles = new HashSet<string>(config.AllowRoles, StringComparer.OrdinalIgnoreCase);
        _allowAsns = [.. config.AllowAsns.Select(a => long.TryParse(a.TrimStart('A', 'S', 'a', 's'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1)];
        _window = TimeSpan.FromMinutes(Math.Max(1, config.WindowMinutes));
        _harvestWindow = TimeSpan.FromMinutes(Math.Max(1, config.HarvestWindowMinutes));
    }

    /// <summary>Counters for the summary (odd data is counted, never fatal).</summary>
    public TrailStats Stats { get; } = new();

    public void Process(TrailEvent e)
    {
        Stats.Events++;
        if (!e.HasTime)
        {
            Stats.MissingTime++;
            return;
        }

        if (e.Time < _now)
        {
            Stats.OutOfOrder++;
        }
        else
        {
            _now = e.Time;
        }

        if (Stats.First is null || e.Time < Stats.First)
        {
            Stats.First = e.Time;
        }

        if (Stats.Last is null || e.Time > Stats.Last)
        {
            Stats.Last = e.Time;
        }

        if (e.AwsRegion is null || !KnownRegion(e.AwsRegion))
        {
            Stats.UnknownRegion++;
        }

        var ip = _ips.Classify(e.SourceIp);
        switch (ip.Kind)
        {
            case SourceKind.Invalid: Stats.InvalidIp++; break;
            case SourceKind.Missing: Stats.MissingIp++; break;
            case SourceKind.Service: Stats.ServiceCaller++; break;
            case SourceKind.Private: Stats.PrivateIp++; break;
        }

        if (ip.IsV6)
        {
            Stats.Ipv6++;
        }

        if (_now - _lastSweep > TimeSpan.FromHours(1))
        {
            Sweep();
        }

        // Every issued credential is remembered (to link a later use to the event that issued it).
        if (e.IssuedAccessKeyId is { Length: > 0 } issued && e.EventName is not null && IssuingEvents.Contains(e.EventName))
        {
            _issued[issued] = new IssueRecord(e, ip);
        }

        if (string.IsNullOrEmpty(e.AccessKeyId))
        {
            Stats.MissingKey++;
            return;
        }

        if (IsAllowedIdentity(e))
        {
            Stats.Allowlisted++;
            return;
        }

        if (!_keys.TryGetValue(e.AccessKeyId, out var key))
        {
            _keys[e.AccessKeyId] = key = new KeyState(e.AccessKeyId);
            Stats.DistinctKeys++;
        }

        key.LastSeen = e.Time;
        key.Events++;
        key.Arn ??= e.Arn;
        key.IssuerArn ??= e.IssuerArn;

        var principalKey = e.Principal ?? e.AccessKeyId;
        if (!_principals.TryGetValue(principalKey, out var principal))
        {
            _principals[principalKey] = principal = new PrincipalState();
            Stats.DistinctPrincipals++;
        }

        principal.LastSeen = e.Time;

        var isServiceCall = e.InvokedBy is not null || ip.Kind is SourceKind.Service || e.VpcEndpointId is not null;
        var isPublic = ip.Kind == SourceKind.Public && !isServiceCall;
        var lambdaAgent = e.UserAgent is not null && e.UserAgent.Contains("exec-env/AWS_Lambda", StringComparison.OrdinalIgnoreCase);

        // Familiarity is judged before this event's network is learnt.
        var familiarity = Familiarity(principal, ip, isPublic);

        CheckInstanceCredentials(e, ip, key, isPublic, isServiceCall);
        CheckLambdaCredentials(e, ip, key, isPublic, isServiceCall, lambdaAgent);
        if (isPublic && !ip.Allowed && !lambdaAgent)
        {
            CheckMultiSource(e, ip, key);
            if (_geo)
            {
                CheckGeo(e, ip, key);
            }
        }

        CheckRecon(e, ip, key, isPublic, familiarity);
        CheckPersistence(e, ip, key, familiarity, isServiceCall);
        CheckHarvest(e, principal, principalKey, isServiceCall);
        LinkIssuedKeyUse(e, ip, key);

        if (isPublic && ip.Network is not null)
        {
            principal.Learn(ip.Network, e.Time);
        }

        principal.Events++;
    }

    private readonly Dictionary<string, bool> _regions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _scannerByAgent = new(StringComparer.Ordinal);

    private bool KnownRegion(string region)
    {
        if (!_regions.TryGetValue(region, out var ok))
        {
            ok = RegionPattern().IsMatch(region);
            if (_regions.Count < 10_000)
            {
                _regions[region] = ok;
            }
        }

        return ok;
    }

    private string? ScannerIn(string? ua)
    {
        if (ua is null)
        {
            return null;
        }

        if (_scannerByAgent.TryGetValue(ua, out var s))
        {
            return s;
        }

        s = null;
        foreach (var candidate in ScannerAgents)
        {
            if (ua.Contains(candidate, StringComparison.OrdinalIgnoreCase))
            {
                s = candidate;
                break;
            }
        }

        if (_scannerByAgent.Count > 50_000)
        {
            _scannerByAgent.Clear();
        }

        _scannerByAgent[ua] = s;
        return s;
    }

    private bool IsAllowedIdentity(TrailEvent e)
    {
        if (e.AccountId is not null && _allowAccounts.Contains(e.AccountId))
        {
            return true;
        }

        if (_allowRoles.Count == 0)
        {
            return false;
        }

        return (e.IssuerUserName is not null && _allowRoles.Contains(e.IssuerUserName)) ||
               (e.IssuerArn is not null && _allowRoles.Contains(e.IssuerArn)) ||
               (e.Arn is not null && _allowRoles.Contains(e.Arn));
    }

    private enum Familiar
    {
        Unknown,
        Familiar,
        Unfamiliar,
    }

    /// <summary>
    /// A network is familiar to a principal once it has used it for an hour (or it was its first network); before that it
    /// is on probation, so that a burst of activity from a new network is judged as new throughout. A principal without
    /// an established network or with fewer than <see cref="FamiliarHistory"/> events has no baseline (Unknown).
    /// </summary>
    private Familiar Familiarity(PrincipalState p, IpInfo ip, bool isPublic)
    {
        if (!isPublic || ip.Network is null)
        {
            return Familiar.Familiar;
        }

        if (p.Networks.TryGetValue(ip.Network, out var first) && (_now - first >= Probation || ip.Network == p.FirstNetwork))
        {
            return Familiar.Familiar;
        }

        if (p.Events < FamiliarHistory || !p.Networks.Values.Any(t => _now - t >= Probation))
        {
            return Familiar.Unknown;
        }

        return Familiar.Unfamiliar;
    }

    // ---- (1) EC2 instance credentials ----

    [GeneratedRegex(@"^i-[0-9a-f]{8,17}$", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceId();

    [GeneratedRegex(@"^(us|eu|ap|sa|ca|me|af|il|mx|cn)(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

    private void CheckInstanceCredentials(TrailEvent e, IpInfo ip, KeyState key, bool isPublic, bool isServiceCall)
    {
        if (e.Ec2RoleDelivery is null && (e.Arn is null || !e.Arn.Contains("/i-", StringComparison.Ordinal)))
        {
            return;
        }

        var session = e.SessionName;
        var isEc2 = e.Ec2RoleDelivery is not null || (session is not null && InstanceId().IsMatch(session));
        if (!isEc2)
        {
            return;
        }

        key.InstanceId ??= session is not null && InstanceId().IsMatch(session) ? session : null;
        if (!isPublic || isServiceCall)
        {
            return; // VPC endpoint, private address, AWS service on the instance's behalf
        }

        var ipAddress = e.SourceIp!;
        if (key.FirstPublicIp is null)
        {
            key.FirstPublicIp = ipAddress;
            key.FirstPublicTime = e.Time;
            if (_ips.HasAwsRanges && !ip.InAws && !ip.Allowed)
            {
                Report(RuntimeRules.InstanceCredentialExfiltration, key.KeyId, e, ip, Severity.High, Confidence.High,
                    $"EC2 instance credentials of {key.InstanceId ?? "an instance"} used from {ipAddress}, outside AWS",
                    i => i.Props["reason"] = "outside AWS (not in ip-ranges.json)");
                key.Suspicious = true;
            }

            return;
        }

        if (ipAddress == key.FirstPublicIp || ip.Allowed)
        {
            return;
        }

        var outside = _ips.HasAwsRanges && !ip.InAws;
        Report(RuntimeRules.InstanceCredentialExfiltration, key.KeyId, e, ip,
            outside ? Severity.High : Severity.High, outside ? Confidence.High : Confidence.Medium,
            $"EC2 instance credentials of {key.InstanceId ?? "an instance"} (first used from {key.FirstPublicIp}) used from {ipAddress}" + (outside ? ", outside AWS" : ""),
            i =>
            {
                i.Props["instanceId"] = key.InstanceId ?? "";
                i.Props["instanceAddress"] = key.FirstPublicIp;
                i.Props["instanceAddressFirstSeen"] = Iso(key.FirstPublicTime);
                i.Props["reason"] = outside ? "outside AWS (not in ip-ranges.json)" : _ips.HasAwsRanges ? "another AWS address than the instance's" : "another public address than the instance's (no --ip-ranges: AWS and non-AWS not told apart)";
            });
        key.Suspicious = true;
    }

    // ---- (2) Lambda execution-role credentials ----

    private void CheckLambdaCredentials(TrailEvent e, IpInfo ip, KeyState key, bool isPublic, bool isServiceCall, bool lambdaAgent)
    {
        if (lambdaAgent || (e.InvokedBy is not null && e.InvokedBy.Equals("lambda.amazonaws.com", StringComparison.OrdinalIgnoreCase)))
        {
            key.IsLambda = true;
            key.FunctionSession ??= e.SessionName;
            if (isPublic && e.SourceIp is not null && key.LambdaIps.Count < 64)
            {
                key.LambdaIps.Add(e.SourceIp);
            }

            return;
        }

        if (!key.IsLambda || !isPublic || isServiceCall || ip.Allowed || key.LambdaIps.Contains(e.SourceIp!))
        {
            return;
        }

        var outside = _ips.HasAwsRanges && !ip.InAws;
        if (_ips.HasAwsRanges && ip.InAws && ip.Network is not null && key.LambdaIps.Any(a => _ips.Classify(a).Network == ip.Network))
        {
            return; // another address of the same Lambda network
        }

        Report(RuntimeRules.LambdaCredentialExfiltration, key.KeyId, e, ip, Severity.High, outside ? Confidence.High : Confidence.Medium,
            $"Lambda execution-role credentials of {key.FunctionSession ?? "a function"} used outside Lambda from {e.SourceIp}" + (outside ? " (outside AWS)" : ""),
            i =>
            {
                i.Props["function"] = key.FunctionSession ?? "";
                i.Props["lambdaAddresses"] = string.Join(", ", key.LambdaIps.Take(5));
                i.Props["reason"] = outside ? "outside AWS (not in ip-ranges.json)" : "a client without the Lambda execution environment, from an address the function never used";
            });
        key.Suspicious = true;
    }

    // ---- (3) multi-source and (7) geo ----

    private void CheckMultiSource(TrailEvent e, IpInfo ip, KeyState key)
    {
        if (ip.Network is null || (_geo && ip.Geo?.Asn is { } asn && _allowAsns.Contains(asn)))
        {
            return;
        }

        var w = key.Window;
        var counts = key.WindowNetworks;
        w.Enqueue((e.Time, ip.Network, e.SourceIp!));
        counts[ip.Network] = counts.GetValueOrDefault(ip.Network) + 1;
        while (w.Count > 0 && (e.Time - w.Peek().Time > _window || w.Count > 256))
        {
            var old = w.Dequeue();
            if (--counts[old.Network] == 0)
            {
                counts.Remove(old.Network);
            }
        }

        if (counts.Count < Math.Max(2, _config.MultiSourceThreshold))
        {
            return;
        }

        var networks = counts.Keys.ToList();
        var addresses = w.Select(x => x.Ip).Distinct(StringComparer.Ordinal).Take(20).ToList();
        Report(RuntimeRules.MultiSource, key.KeyId, e, ip, RuntimeRules.MultiSource.Severity, Confidence.Medium,
            $"access key {key.KeyId} used from {networks.Count} public networks within {_config.WindowMinutes} minutes",
            i =>
            {
                i.Networks.UnionWith(networks);
                i.Props["networks"] = string.Join(", ", i.Networks.Order(StringComparer.Ordinal));
                i.Props["windowMinutes"] = _config.WindowMinutes.ToString(CultureInfo.InvariantCulture);
                foreach (var a in addresses)
                {
                    i.Ips.Add(a);
                }
            });
        key.Suspicious = true;
    }

    private void CheckGeo(TrailEvent e, IpInfo ip, KeyState key)
    {
        var g = ip.Geo;
        if (g is null || (g.Asn is { } asn && _allowAsns.Contains(asn)))
        {
            return;
        }

        if (g.Anonymous is not null && !(g.Anonymous == "hosting provider" && ip.InAws))
        {
            Report(RuntimeRules.ImpossibleTravel, key.KeyId + "|anon", e, ip, Severity.High, Confidence.Medium,
                $"access key {key.KeyId} used from an anonymizing network ({g.Anonymous}) at {e.SourceIp}",
                i =>
                {
                    i.Props["network"] = g.Anonymous;
                    if (g.Asn is { } a)
                    {
                        i.Props["asn"] = $"AS{a} {g.AsnOrg}".TrimEnd();
                    }
                });
            key.Suspicious = true;
        }

        if (key.LastGeo is { } last && last.Ip != e.SourceIp)
        {
            var hours = Math.Max((e.Time - last.Time).TotalHours, 1.0 / 60);
            string? why = null;
            if (last.Geo.Latitude is { } la1 && last.Geo.Longitude is { } lo1 && g.Latitude is { } la2 && g.Longitude is { } lo2)
            {
                var km = GeoIpDatabase.DistanceKm(la1, lo1, la2, lo2);
                if (km > 500 && km / hours > 1000)
                {
                    why = $"{km:0} km in {hours * 60:0} minutes ({km / hours:0} km/h)";
                }
            }
            else if (last.Geo.Country is not null && g.Country is not null && last.Geo.Country != g.Country && e.Time - last.Time <= _window)
            {
                why = $"{last.Geo.Country} then {g.Country} within {(e.Time - last.Time).TotalMinutes:0} minutes";
            }

            if (why is not null)
            {
                Report(RuntimeRules.ImpossibleTravel, key.KeyId + "|travel", e, ip, Severity.High, Confidence.Medium,
                    $"access key {key.KeyId} used from {last.Geo.Country ?? "?"} ({last.Ip}) and {g.Country ?? "?"} ({e.SourceIp}): {why}",
                    i =>
                    {
                        i.Props["travel"] = why;
                        i.Props["from"] = $"{last.Ip} {last.Geo.Country} at {Iso(last.Time)}";
                        i.Props["to"] = $"{e.SourceIp} {g.Country} at {Iso(e.Time)}";
                        i.Ips.Add(last.Ip);
                    });
                key.Suspicious = true;
            }
        }

        key.LastGeo = (e.Time, e.SourceIp!, g);
    }

    // ---- (4) reconnaissance ----

    private void CheckRecon(TrailEvent e, IpInfo ip, KeyState key, bool isPublic, Familiar familiarity)
    {
        var scanner = ScannerIn(e.UserAgent);

        if (scanner is not null)
        {
            Report(RuntimeRules.Recon, key.KeyId, e, ip, Severity.High, Confidence.High,
                $"access key {key.KeyId} used by a scanner or attack tool ({scanner}) from {e.SourceIp}",
                i => i.Props["scanner"] = scanner);
            key.Suspicious = true;
            return;
        }

        if (!isPublic || e.EventName is null || !ReconEvents.Contains(e.EventName) || ip.Allowed)
        {
            return;
        }

        if (familiarity != Familiar.Unfamiliar && !key.Suspicious)
        {
            return;
        }

        var r = key.Recon;
        if (r.Network != ip.Network || e.Time - r.Start > _window)
        {
            r.Network = ip.Network;
            r.Start = e.Time;
            r.Names.Clear();
        }

        r.Names.Add(e.EventName);
        if (r.Names.Count < ReconDistinctThreshold)
        {
            return;
        }

        Report(RuntimeRules.Recon, key.KeyId, e, ip, Severity.High, Confidence.Medium,
            $"access key {key.KeyId} made {r.Names.Count} different discovery calls from {(key.Suspicious ? "a suspicious" : "an unfamiliar")} network {ip.Network}",
            i =>
            {
                i.Props["reconCalls"] = string.Join(", ", r.Names.Order(StringComparer.Ordinal));
                i.Props["reason"] = key.Suspicious ? "the key was already seen misused" : "the principal had not used this network before";
            });
        key.Suspicious = true;
    }

    // ---- (5) persistence ----

    private void CheckPersistence(TrailEvent e, IpInfo ip, KeyState key, Familiar familiarity, bool isServiceCall)
    {
        if (e.EventName is null || !PersistenceEvents.Contains(e.EventName) || isServiceCall || ip.Allowed)
        {
            return;
        }

        // AssumeRole only counts when chained from another role session or user, not when a service assumes a role.
        if (e.EventName == "AssumeRole" && e.IdentityType is not ("AssumedRole" or "IAMUser"))
        {
            return;
        }

        if (!key.Suspicious && familiarity != Familiar.Unfamiliar)
        {
            return;
        }

        // Workloads chain roles all day and from several NAT addresses (one per AZ): a role session's AssumeRole from a
        // new network counts only when the address is known to be outside AWS (--ip-ranges), or the key is already flagged.
        if (e.EventName == "AssumeRole" && e.IdentityType == "AssumedRole" && !key.Suspicious && (!_ips.HasAwsRanges || ip.InAws))
        {
            return;
        }

        var severity = e.ErrorCode is null ? Severity.High : Severity.Medium;
        Report(RuntimeRules.Persistence, key.KeyId, e, ip, severity, key.Suspicious ? Confidence.High : Confidence.Medium,
            $"{e.EventName} with access key {key.KeyId} from {(key.Suspicious ? "a key already seen misused" : "an unfamiliar network")} ({e.SourceIp})" +
            (e.IssuedAccessKeyId is { } k ? $": issued {k}" : "") + (e.ErrorCode is { } err ? $" (failed: {err})" : ""),
            i =>
            {
                if (e.IssuedAccessKeyId is { } k)
                {
                    i.IssuedKeys.Add(k);
                }

                if (e.RequestRoleArn is { } role)
                {
                    i.Props["assumedRole"] = role;
                }

                if (e.RequestUserName is { } user)
                {
                    i.Props["targetUser"] = user;
                }

                i.Props["reason"] = key.Suspicious ? "the key was already seen misused" : "the principal had not used this network before";
            });
        if (e.IssuedAccessKeyId is { } issued && _issued.TryGetValue(issued, out var rec))
        {
            rec.Flagged = true;
        }

        key.Suspicious = true;
    }

    private void LinkIssuedKeyUse(TrailEvent e, IpInfo ip, KeyState key)
    {
        if (!_issued.TryGetValue(key.KeyId, out var rec))
        {
            return;
        }

        key.IssuedBy ??= rec;
        if (!rec.Flagged || rec.UseLinked)
        {
            return;
        }

        rec.UseLinked = true;
        var issuerKey = rec.Event.AccessKeyId ?? "";
        if (_incidents.TryGetValue(RuntimeRules.Persistence.Id + "|" + issuerKey, out var inc))
        {
            inc.Props["issuedKeyUsed"] = $"{key.KeyId} first used at {Iso(e.Time)} from {e.SourceIp} ({e.EventSource}:{e.EventName})";
            inc.Count++;
        }

        _ = ip;
    }

    // ---- (6) secret harvesting ----

    private void CheckHarvest(TrailEvent e, PrincipalState principal, string principalKey, bool isServiceCall)
    {
        if (isServiceCall || e.EventName is null || e.EventSource is null)
        {
            return;
        }

        string? target = null;
        switch (e.EventSource)
        {
            case "secretsmanager.amazonaws.com" when e.EventName is "GetSecretValue" or "BatchGetSecretValue":
                target = "secret:" + (e.RequestSecretId ?? e.RequestNames ?? "?");
                break;
            case "ssm.amazonaws.com" when e.EventName is "GetParameter" or "GetParameters" or "GetParametersByPath" && e.RequestWithDecryption:
                target = "parameter:" + (e.RequestName ?? e.RequestNames ?? "?");
                break;
            case "kms.amazonaws.com" when e.EventName == "Decrypt":
                target = "kms:" + (e.RequestKeyId ?? "(key in ciphertext)");
                break;
        }

        if (target is null)
        {
            return;
        }

        var w = principal.Reads;
        var counts = principal.ReadTargets;
        w.Enqueue((e.Time, target));
        counts[target] = counts.GetValueOrDefault(target) + 1;
        while (w.Count > 0 && (e.Time - w.Peek().Time > _harvestWindow || w.Count > 4096))
        {
            var old = w.Dequeue();
            if (--counts[old.Target] == 0)
            {
                counts.Remove(old.Target);
            }
        }

        if (w.Count < _config.HarvestThreshold || counts.Count < Math.Min(5, _config.HarvestThreshold))
        {
            return; // few reads, or one application re-reading its own few secrets
        }

        var distinct = counts.Keys.ToList();
        Report(RuntimeRules.Harvest, principalKey, e, _ips.Classify(e.SourceIp), Severity.High, Confidence.Medium,
            $"{principalKey} read {w.Count} secrets ({distinct.Count} distinct) within {_config.HarvestWindowMinutes} minutes",
            i =>
            {
                foreach (var t in distinct)
                {
                    if (i.Targets.Count < 50)
                    {
                        i.Targets.Add(t);
                    }
                }

                i.Props["readsInWindow"] = w.Count.ToString(CultureInfo.InvariantCulture);
                i.Props["windowMinutes"] = _config.HarvestWindowMinutes.ToString(CultureInfo.InvariantCulture);
            });
    }

    // ---- incidents ----

    private void Report(RuleInfo rule, string subject, TrailEvent e, IpInfo ip, Severity severity, Confidence confidence, string message, Action<Incident> update)
    {
        var id = rule.Id + "|" + subject;
        if (!_incidents.TryGetValue(id, out var inc))
        {
            _incidents[id] = inc = new Incident(rule, subject, e, severity, confidence, message);
            if (_keys.TryGetValue(e.AccessKeyId ?? "", out var ks) && ks.IssuedBy is { } by)
            {
                inc.Props["issuedBy"] = $"{by.Event.EventName} at {Iso(by.Event.Time)} by {by.Event.Arn ?? by.Event.InvokedBy ?? by.Event.SourceIp} (event {by.Event.EventId})";
            }
        }
        else if (severity > inc.Severity)
        {
            inc.Severity = severity;
        }

        inc.Count++;
        inc.Last = e.Time;
        if (e.SourceIp is not null && inc.Ips.Count < 20)
        {
            inc.Ips.Add(e.SourceIp);
        }

        if (e.EventName is not null && inc.EventNames.Count < 30)
        {
            inc.EventNames.Add((e.EventSource ?? "").Replace(".amazonaws.com", "", StringComparison.Ordinal) + ":" + e.EventName);
        }

        if (e.UserAgent is not null && inc.UserAgents.Count < 5)
        {
            inc.UserAgents.Add(e.UserAgent);
        }

        update(inc);
        _ = ip;
    }

    public List<Finding> Findings()
    {
        var result = new List<Finding>();
        foreach (var inc in _incidents.Values)
        {
            var e = inc.FirstEvent;
            var props = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["accessKeyId"] = e.AccessKeyId ?? "",
                ["principalArn"] = e.Arn ?? e.PrincipalId ?? "",
                ["identityType"] = e.IdentityType ?? "",
                ["accountId"] = e.AccountId ?? e.RecipientAccountId ?? "",
                ["firstEvent"] = $"{Iso(e.Time)} {e.EventSource}:{e.EventName} from {e.SourceIp} (event {e.EventId})",
                ["lastSeen"] = Iso(inc.Last),
                ["events"] = inc.Count.ToString(CultureInfo.InvariantCulture),
                ["eventNames"] = string.Join(", ", inc.EventNames.Order(StringComparer.Ordinal)),
                ["sourceIps"] = string.Join(", ", inc.Ips.Order(StringComparer.Ordinal)),
            };
            if (e.IssuerArn is not null)
            {
                props["sessionIssuer"] = e.IssuerArn;
            }

            if (inc.UserAgents.Count > 0)
            {
                props["userAgents"] = string.Join(" | ", inc.UserAgents);
            }

            if (inc.IssuedKeys.Count > 0)
            {
                props["issuedKeys"] = string.Join(", ", inc.IssuedKeys.Order(StringComparer.Ordinal));
            }

            if (inc.Targets.Count > 0)
            {
                props["secretsRead"] = string.Join(", ", inc.Targets.Order(StringComparer.Ordinal));
            }

            foreach (var (k, v) in inc.Props)
            {
                props[k] = v;
            }

            var evidence = e.AccessKeyId is { Length: > 0 } kid ? SecretMask.Mask(kid, 8) + " " : "";
            evidence += $"{e.EventSource}:{e.EventName} from {e.SourceIp}";
            result.Add(new Finding
            {
                Rule = inc.Rule,
                Severity = inc.Severity,
                Confidence = inc.Confidence,
                Title = inc.Rule.Title,
                Message = inc.Message + (inc.Count > 1 ? $" ({inc.Count} events)" : ""),
                Location = new Location { Path = e.File, EventId = e.EventId, Timestamp = new DateTimeOffset(e.Time, TimeSpan.Zero) },
                Evidence = evidence,
                Fingerprint = Fingerprints.ForConstruct(inc.Rule.Id, inc.Subject),
                Properties = props,
            });
        }

        return result;
    }

    private void Sweep()
    {
        _lastSweep = _now;
        var dead = new List<string>();
        foreach (var (k, s) in _keys)
        {
            var ttl = k.StartsWith("ASIA", StringComparison.Ordinal) ? TemporaryKeyTtl : LongTermKeyTtl;
            if (_now - s.LastSeen > ttl)
            {
                dead.Add(k);
            }
        }

        foreach (var k in dead)
        {
            _keys.Remove(k);
        }

        dead.Clear();
        foreach (var (k, r) in _issued)
        {
            var ttl = r.Event.IssuedAccessKeyId?.StartsWith("AKIA", StringComparison.Ordinal) == true ? LongTermKeyTtl : TemporaryKeyTtl;
            if (_now - r.Event.Time > ttl)
            {
                dead.Add(k);
            }
        }

        foreach (var k in dead)
        {
            _issued.Remove(k);
        }

        dead.Clear();
        foreach (var (k, p) in _principals)
        {
            if (_now - p.LastSeen > LongTermKeyTtl)
            {
                dead.Add(k);
            }
        }

        foreach (var k in dead)
        {
            _principals.Remove(k);
        }
    }

    internal static string Iso(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private sealed class KeyState(string keyId)
    {
        public string KeyId { get; } = keyId;
        public DateTime LastSeen;
        public long Events;
        public string? Arn;
        public string? IssuerArn;
        public string? InstanceId;
        public string? FirstPublicIp;
        public DateTime FirstPublicTime;
        public bool IsLambda;
        public string? FunctionSession;
        public readonly HashSet<string> LambdaIps = new(StringComparer.Ordinal);
        public readonly Queue<(DateTime Time, string Network, string Ip)> Window = new();
        public readonly Dictionary<string, int> WindowNetworks = new(StringComparer.Ordinal);
        public (DateTime Time, string Ip, GeoInfo Geo)? LastGeo;
        public readonly ReconState Recon = new();
        public bool Suspicious;
        public IssueRecord? IssuedBy;
    }

    private sealed class ReconState
    {
        public string? Network;
        public DateTime Start;
        public readonly HashSet<string> Names = new(StringComparer.Ordinal);
    }

    private sealed class PrincipalState
    {
        public long Events;
        public DateTime LastSeen;
        public readonly Dictionary<string, DateTime> Networks = new(StringComparer.Ordinal);
        public string? FirstNetwork;
        public readonly Queue<(DateTime Time, string Target)> Reads = new();
        public readonly Dictionary<string, int> ReadTargets = new(StringComparer.Ordinal);

        public void Learn(string network, DateTime time)
        {
            FirstNetwork ??= network;
            if (Networks.Count < 128)
            {
                Networks.TryAdd(network, time);
            }
        }
    }

    private sealed class IssueRecord(TrailEvent e, IpInfo ip)
    {
        public TrailEvent Event { get; } = e;
        public IpInfo Ip { get; } = ip;
        public bool Flagged;
        public bool UseLinked;
    }

    private sealed class Incident(RuleInfo rule, string subject, TrailEvent first, Severity severity, Confidence confidence, string message)
    {
        public RuleInfo Rule { get; } = rule;
        public string Subject { get; } = subject;
        public TrailEvent FirstEvent { get; } = first;
        public Severity Severity { get; set; } = severity;
        public Confidence Confidence { get; } = confidence;
        public string Message { get; } = message;
        public long Count;
        public DateTime Last;
        public readonly HashSet<string> Ips = new(StringComparer.Ordinal);
        public readonly HashSet<string> EventNames = new(StringComparer.Ordinal);
        public readonly HashSet<string> UserAgents = new(StringComparer.Ordinal);
        public readonly HashSet<string> IssuedKeys = new(StringComparer.Ordinal);
        public readonly HashSet<string> Targets = new(StringComparer.Ordinal);
        public readonly HashSet<string> Networks = new(StringComparer.Ordinal);
        public readonly Dictionary<string, string> Props = new(StringComparer.Ordinal);
    }
}

/// <summary>Counters for the trail summary.</summary>
public sealed class TrailStats
{
    public long Events;
    public long MissingTime;
    public long OutOfOrder;
    public long UnknownRegion;
    public long InvalidIp;
    public long MissingIp;
    public long ServiceCaller;
    public long PrivateIp;
    public long Ipv6;
    public long MissingKey;
    public long Allowlisted;
    public long DistinctKeys;
    public long DistinctPrincipals;
    public DateTime? First;
    public DateTime? Last;
}
