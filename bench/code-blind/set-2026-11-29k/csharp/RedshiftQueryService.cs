using System.IdentityModel.Tokens.Jwt;
using System.Text.Json;
using Amazon.RedshiftDataAPIService;
using Amazon.RedshiftDataAPIService.Model;
using Amazon.SecretsManager;
using Amazon.SecretsManager.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.AspNetCore.Mvc;

namespace Acme.Analytics.Redshift;

public record QueryRequest(string Sql, string? Label);

public class QueryService
{
    private readonly IAmazonRedshiftDataAPIService _redshift;
    private readonly IAmazonSecretsManager _secrets;
    private readonly IAmazonSQS _sqs;
    private readonly ILogger<QueryService> _logger;
    private readonly string _secretArn;
    private readonly string _cluster;
    private readonly string _resultQueueUrl;

    public QueryService(IAmazonRedshiftDataAPIService redshift, IAmazonSecretsManager secrets, IAmazonSQS sqs,
        ILogger<QueryService> logger, IConfiguration config)
    {
        _redshift = redshift;
        _secrets = secrets;
        _sqs = sqs;
        _logger = logger;
        _secretArn = config["Redshift:SecretArn"]!;
        _cluster = config["Redshift:Cluster"] ?? "analytics-ra3";
        _resultQueueUrl = config["Redshift:ResultQueueUrl"]!;
    }

    public async Task<string> RunAsync(QueryRequest request, CancellationToken ct)
    {
        var secret = await _secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = _secretArn }, ct);
        _logger.LogInformation("Using Redshift secret {SecretArn} version {Version}", _secretArn, secret.VersionId);
        _logger.LogDebug("Redshift credentials: {Secret}", secret.SecretString); // Noncompliant THC001

        var stmt = await _redshift.ExecuteStatementAsync(new ExecuteStatementRequest
        {
            ClusterIdentifier = _cluster,
            Database = "analytics",
            SecretArn = _secretArn,
            Sql = request.Sql,
            StatementName = request.Label ?? "api-query",
        }, ct);

        await _sqs.SendMessageAsync(new SendMessageRequest // Noncompliant THC009
        {
            QueueUrl = _resultQueueUrl,
            MessageBody = JsonSerializer.Serialize(new { statementId = stmt.Id, unloadCredentials = secret.SecretString }),
        }, ct);
        _logger.LogInformation("Statement {StatementId} submitted", stmt.Id);
        return stmt.Id;
    }

    public Task<DescribeStatementResponse> DescribeAsync(string id, CancellationToken ct) =>
        _redshift.DescribeStatementAsync(new DescribeStatementRequest { Id = id }, ct);
}

[ApiController]
[Route("api/queries")]
public class QueryController : ControllerBase
{
    private readonly QueryService _service;
    private readonly ILogger<QueryController> _logger;

    public QueryController(QueryService service, ILogger<QueryController> logger)
    {
        _service = service;
        _logger = logger;
    }

    [HttpPost]
    public async Task<IActionResult> Post([FromBody] QueryRequest body, CancellationToken ct)
    {
        var raw = Request.Headers.Authorization.ToString().Replace("Bearer ", string.Empty);
        var token = new JwtSecurityTokenHandler().ReadJwtToken(raw); // Noncompliant THC005
        if (!token.Claims.Any(c => c.Type == "cognito:groups" && c.Value == "redshift-analysts"))
        {
            return Forbid();
        }
        try
        {
            var id = await _service.RunAsync(body, ct);
            return Accepted(new { statementId = id });
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "query failed {CorrelationId}", HttpContext.TraceIdentifier);
            return StatusCode(500, new { error = ex.Message, sql = body.Sql }); // Noncompliant THC003
        }
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Get(string id, CancellationToken ct)
    {
        try
        {
            var status = await _service.DescribeAsync(id, ct);
            return Ok(new { id, status = status.Status.Value, status.ResultRows });
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "describe failed {CorrelationId}", HttpContext.TraceIdentifier);
            return StatusCode(500, new { error = "query status unavailable", correlationId = HttpContext.TraceIdentifier });
        }
    }
}
