using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon;
using Amazon.ElasticMapReduce;
using Amazon.ElasticMapReduce.Model;
using Amazon.Lambda.Core;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.StepFunctions;
using Amazon.StepFunctions.Model;
using Microsoft.Extensions.Configuration;
using Serilog;

namespace Acme.DataPlatform.Emr;

public class LaunchRequest
{
    public string ClusterName { get; set; } = "spark-adhoc";
    public string ReleaseLabel { get; set; } = "emr-7.2.0";
    public string TaskToken { get; set; } = string.Empty;
    public string TargetAccountRoleArn { get; set; } = string.Empty;
    public int CoreNodes { get; set; } = 4;
}

public class Launcher
{
    private readonly AmazonElasticMapReduceClient _sharedEmr;
    private readonly AmazonStepFunctionsClient _sfn = new AmazonStepFunctionsClient();
    private readonly AmazonSecurityTokenServiceClient _sts = new AmazonSecurityTokenServiceClient();
    private readonly string _monitorArn;

    public Launcher(IConfiguration config)
    {
        var accessKey = config["Emr:AwsAccessKeyId"];
        var secretKey = config["Emr:AwsSecretAccessKey"];
        var staticCreds = new BasicAWSCredentials(accessKey, secretKey); // Noncompliant THC008
        _sharedEmr = new AmazonElasticMapReduceClient(staticCreds, RegionEndpoint.EUWest1);
        _monitorArn = config["Emr:MonitorStateMachineArn"]!;
    }

    public async Task HandleAsync(LaunchRequest input, ILambdaContext context)
    {
        Log.Information("launch request {Payload}", JsonSerializer.Serialize(input)); // Noncompliant THC002
        Log.Information("launch {Cluster} request {RequestId}", input.ClusterName, context.AwsRequestId);

        var assumed = await _sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = input.TargetAccountRoleArn,
            RoleSessionName = "emr-launch",
            DurationSeconds = 3600,
        });
        Log.Information("assumed {RoleArn} until {Expiration}", input.TargetAccountRoleArn, assumed.Credentials.Expiration);
        Log.Debug("target account credentials {@Credentials}", assumed.Credentials); // Noncompliant THC001

        var targetEmr = new AmazonElasticMapReduceClient(assumed.Credentials, RegionEndpoint.EUWest1);
        var cluster = await targetEmr.RunJobFlowAsync(new RunJobFlowRequest
        {
            Name = input.ClusterName,
            ReleaseLabel = input.ReleaseLabel,
            Applications = new List<Application> { new Application { Name = "Spark" } },
            ServiceRole = "EMR_DefaultRole_V2",
            JobFlowRole = "EMR_EC2_DefaultRole",
            Instances = new JobFlowInstancesConfig
            {
                MasterInstanceType = "m6g.xlarge",
                SlaveInstanceType = "r6g.2xlarge",
                InstanceCount = input.CoreNodes + 1,
                KeepJobFlowAliveWhenNoSteps = true,
            },
        });

        await _sfn.StartExecutionAsync(new StartExecutionRequest // Noncompliant THC009
        {
            StateMachineArn = _monitorArn,
            Input = JsonSerializer.Serialize(new
            {
                clusterId = cluster.JobFlowId,
                roleArn = input.TargetAccountRoleArn,
                accessKeyId = assumed.Credentials.AccessKeyId,
                secretAccessKey = assumed.Credentials.SecretAccessKey,
                sessionToken = assumed.Credentials.SessionToken,
            }),
        });

        await _sfn.SendTaskSuccessAsync(new SendTaskSuccessRequest
        {
            TaskToken = input.TaskToken,
            Output = JsonSerializer.Serialize(new { clusterId = cluster.JobFlowId, status = "STARTING" }),
        });
        Log.Information("cluster {ClusterId} launched", cluster.JobFlowId);
    }
}
