using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using TokenHound.Core;
using Xunit.Abstractions;

namespace TokenHound.Iac.Tests;

/// <summary>Prints how long a generated 5,000-resource template takes (no timing assert: see docs/iac.md for the figure).</summary>
public class SpeedTests(ITestOutputHelper output)
{
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UtimeSec, UtimeUsec, StimeSec, StimeUsec;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NvCsw, NivCsw;
    }

#pragma warning disable SYSLIB1054 // DllImport keeps the test project free of AllowUnsafeBlocks.
    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRUsage(int who, out RUsage usage);
#pragma warning restore SYSLIB1054

    /// <summary>CPU time of the calling thread (Linux RUSAGE_THREAD), so the figure does not depend on other load on the machine.</summary>
    public static TimeSpan ThreadCpu()
    {
        if (!OperatingSystem.IsLinux() || GetRUsage(1, out var u) != 0)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromMicroseconds((u.UtimeSec + u.StimeSec) * 1_000_000 + u.UtimeUsec + u.StimeUsec);
    }

    public static string Generate(int resources)
    {
        var sb = new StringBuilder("AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nParameters:\n  Stage:\n    Type: String\n    Default: prod\nConditions:\n  IsProd: !Equals [!Ref Stage, prod]\nGlobals:\n  Function:\n    Runtime: python3.12\n    Environment:\n      Variables:\n        LOG_LEVEL: INFO\nResources:\n");
        for (var i = 0; i < resources / 5; i++)
        {
            sb.Append($"""
                  Fn{i}:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: src/fn{i}/
                      Handler: app.handler
                      Role: !GetAtt Role{i}.Arn
                      Environment:
                        Variables:
                          TABLE: !Ref Table{i}
                          MODE: !If [IsProd, live, test]
                      Events:
                        Get:
                          Type: Api
                          Properties:
                            Path: /items/{i}
                            Method: get
                  Role{i}:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {"{"} Service: lambda.amazonaws.com {"}"}
                            Action: sts:AssumeRole
                      Policies:
                        - PolicyName: p
                          PolicyDocument:
                            Statement:
                              - Effect: Allow
                                Action: [dynamodb:GetItem]
                                Resource: !GetAtt Table{i}.Arn
                  Table{i}:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions: [{"{"}AttributeName: id, AttributeType: S{"}"}]
                      KeySchema: [{"{"}AttributeName: id, KeyType: HASH{"}"}]
                  Logs{i}:
                    Type: AWS::Logs::LogGroup
                    Properties:
                      LogGroupName: !Sub /aws/lambda/${"{"}Fn{i}{"}"}
                      RetentionInDays: 30
                  Secret{i}:
                    Type: AWS::SecretsManager::Secret
                    Properties:
                      Description: !Sub 'secret ${"{"}AWS::StackName{"}"} {i}'

                """);
        }

        return sb.ToString();
    }

    [Fact]
    public void Five_thousand_resource_template_time_is_printed()
    {
        var text = Generate(5000);
        var file = new SourceFile { Path = "big.yaml", Text = text };
        Harness.Run(new SourceFile { Path = "warm.yaml", Text = Generate(50) });
        var cpu0 = ThreadCpu();
        var sw = Stopwatch.StartNew();
        var sink = Harness.Run(file);
        sw.Stop();
        var cpu = ThreadCpu() - cpu0;
        var line = $"5000 resources, {text.Length / 1024} KB, {file.Lines.LineCount} lines: {cpu.TotalMilliseconds:0} ms CPU on one thread ({sw.ElapsedMilliseconds} ms wall), {sink.Findings.Count} findings";
        output.WriteLine(line);
        Console.WriteLine("[speed] " + line);
        Assert.Empty(sink.Warnings);
        Assert.Equal(1000, sink.Findings.Count(f => f.RuleId == "THI025"));
        Assert.Equal(1000, sink.Findings.Count(f => f.RuleId == "THI004"));
    }

    /// <summary>Terraform expansion: 256 for_each instances and 40 module blocks with 10 instances each (400 module instances).</summary>
    [Fact]
    public void Terraform_expansion_time_is_printed()
    {
        var tmp = Directory.CreateTempSubdirectory("th-tf-speed-");
        try
        {
            Directory.CreateDirectory(Path.Combine(tmp.FullName, "modules", "fn"));
            File.WriteAllText(Path.Combine(tmp.FullName, "modules", "fn", "main.tf"), """
                variable "name" {}
                variable "log_level" {
                  default = "INFO"
                }

                resource "aws_iam_role" "this" {
                  name               = "${var.name}-role"
                  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
                }

                resource "aws_lambda_function" "this" {
                  function_name = var.name
                  role          = aws_iam_role.this.arn
                  handler       = "app.handler"
                  runtime       = "python3.12"
                  environment {
                    variables = { LOG_LEVEL = var.log_level }
                  }
                }

                resource "aws_cloudwatch_log_group" "this" {
                  name              = "/aws/lambda/${var.name}"
                  retention_in_days = 30
                }
                """);
            var sb = new StringBuilder("locals {\n  functions = {\n");
            for (var i = 0; i < 256; i++)
            {
                sb.Append($"    f{i} = {{ handler = \"f{i}.handler\", log_level = \"{(i % 16 == 0 ? "DEBUG" : "INFO")}\" }}\n");
            }

            sb.Append("  }\n  shards = toset([\"0\", \"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"8\", \"9\"])\n}\n\n");
            sb.Append("""
                resource "aws_lambda_function" "fn" {
                  for_each      = local.functions
                  function_name = each.key
                  role          = "arn:aws:iam::123456789012:role/app"
                  handler       = each.value.handler
                  runtime       = "python3.12"
                  environment {
                    variables = { LOG_LEVEL = each.value.log_level }
                  }
                }

                """);
            for (var m = 0; m < 40; m++)
            {
                sb.Append($$"""
                    module "svc{{m}}" {
                      source    = "./modules/fn"
                      for_each  = local.shards
                      name      = "svc{{m}}-${each.key}"
                      log_level = "{{(m % 10 == 0 ? "TRACE" : "WARN")}}"
                    }

                    """);
            }

            var main = Path.Combine(tmp.FullName, "main.tf");
            File.WriteAllText(main, sb.ToString());
            var cpu0 = ThreadCpu();
            var sw = Stopwatch.StartNew();
            var sink = Harness.Run(main, tmp.FullName);
            sw.Stop();
            var cpu = ThreadCpu() - cpu0;
            var line = $"Terraform: 256 for_each instances + 400 module instances: {cpu.TotalMilliseconds:0} ms CPU on one thread ({sw.ElapsedMilliseconds} ms wall), {sink.Findings.Count} findings";
            output.WriteLine(line);
            Console.WriteLine("[speed] " + line);
            Assert.Empty(sink.Warnings);
            Assert.Equal(16 + 4, sink.Findings.Count(f => f.RuleId == "THI009")); // 16 DEBUG elements, 4 TRACE module blocks (10 identical instances each: once)
        }
        finally
        {
            tmp.Delete(recursive: true);
        }
    }
}
