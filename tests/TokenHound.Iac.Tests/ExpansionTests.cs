using TokenHound.Core;

namespace TokenHound.Iac.Tests;

/// <summary>
/// Values that only exist after expansion: Step Functions DefinitionSubstitutions, Terraform count / for_each instances
/// and inputs passed into local Terraform modules.
/// </summary>
public class ExpansionTests
{
    private static string Data(params string[] parts) => Path.Combine([Harness.TestData, .. parts]);

    private static List<string> Lines(IEnumerable<Finding> findings, string rule) =>
        [.. findings.Where(f => f.RuleId == rule).Select(f => $"{f.Location.Path}:{f.Location.Line}").Order(StringComparer.Ordinal)];

    [Fact]
    public void DefinitionUri_file_is_checked_with_the_substituted_values()
    {
        var dir = Data("sfn-substitutions");
        var sink = Harness.Run(Path.Combine(dir, "template.yaml"), dir);

        // ledgerApiKey gets the parameter default (a literal), caller.$ the default JSONPath $.session.accessToken; the
        // function ARNs, topic ARN and table name are resource attributes: unknown, never a match.
        Assert.Equal(["statemachine/account-sync.asl.json:25", "statemachine/account-sync.asl.json:26"], Lines(sink.Findings, "THI024"));
        var caller = sink.Findings.Single(f => f.RuleId == "THI024" && f.Location.Line == 26);
        Assert.Contains("$.session.accessToken", caller.Message, StringComparison.Ordinal);
        Assert.Equal("AccountSyncStateMachine", caller.Message.Split(" of ")[1].Split(' ')[0]);
        Assert.DoesNotContain(sink.Warnings, w => w.Message.Contains("not valid", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_DefinitionUri_file_scanned_on_its_own_reports_no_placeholder_as_a_value()
    {
        var dir = Data("sfn-substitutions");
        var sink = Harness.Run(Path.Combine(dir, "statemachine", "account-sync.asl.json"), dir);
        Assert.DoesNotContain(sink.Findings, f => f.RuleId == "THI024");
    }

    [Fact]
    public void A_standalone_ASL_file_with_placeholders_outside_strings_parses_without_a_warning()
    {
        var sink = Harness.Run(new SourceFile
        {
            Path = "statemachine/retry.asl.json",
            Text = """
                {
                  "StartAt": "Call",
                  "TimeoutSeconds": ${TimeoutSeconds},
                  "States": {
                    "Call": {
                      "Type": "Task",
                      "Resource": "arn:aws:states:::lambda:invoke",
                      "Parameters": { "FunctionName": "${WorkerArn}", "Payload": { "sessionToken.$": "$.auth.sessionToken", "apiKey": "${ApiKey}" } },
                      "End": true
                    }
                  }
                }
                """,
        });
        Assert.Empty(sink.Warnings);
        Assert.Equal(["statemachine/retry.asl.json:8"], Lines(sink.Findings, "THI024"));
    }

    [Fact]
    public void Placeholders_outside_JSON_strings_are_substituted_before_parsing()
    {
        var sink = Harness.RunText("""
            AWSTemplateFormatVersion: '2010-09-09'
            Parameters:
              Timeout:
                Type: String
                Default: '300'
            Resources:
              Machine:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: !ImportValue sfn-role
                  DefinitionSubstitutions:
                    TimeoutSeconds: !Ref Timeout
                    Retries: !GetAtt Config.Retries
                    Token: static-service-token-4f7a9c
                  DefinitionString: |
                    {
                      "StartAt": "Call",
                      "TimeoutSeconds": ${TimeoutSeconds},
                      "States": {
                        "Call": {
                          "Type": "Task",
                          "Resource": "arn:aws:states:::lambda:invoke",
                          "Retry": [{ "ErrorEquals": ["States.ALL"], "MaxAttempts": ${Retries} }],
                          "Parameters": { "FunctionName": "worker", "Payload": { "serviceToken": "${Token}" } },
                          "End": true
                        }
                      }
                    }
            """);
        Assert.Empty(sink.Warnings);
        Assert.Equal(["template.yaml:24"], Lines(sink.Findings, "THI024"));
    }

    [Fact]
    public void Fn_Sub_DefinitionString_resolves_parameters_and_its_variable_map()
    {
        var sink = Harness.RunText("""
            AWSTemplateFormatVersion: '2010-09-09'
            Parameters:
              PartnerKey:
                Type: String
                Default: pk_7Tz2Rb9Kc4Wn6Pd1Hq8
            Resources:
              Machine:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: !ImportValue sfn-role
                  DefinitionString: !Sub
                    - |
                      {
                        "StartAt": "Call",
                        "States": {
                          "Call": {
                            "Type": "Task",
                            "Resource": "arn:aws:states:::lambda:invoke",
                            "Parameters": {
                              "FunctionName": "${Worker.Arn}",
                              "Payload": { "apiKey": "${PartnerKey}", "sessionToken": "${Session}", "literalToken": "${!NotSubstituted}" }
                            },
                            "End": true
                          }
                        }
                      }
                    - Session: !GetAtt Sessions.Token
            """);
        var f = Assert.Single(sink.Findings, x => x.RuleId == "THI024");
        Assert.Equal(21, f.Location.Line);
        Assert.Contains("'apiKey'", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Terraform_templatefile_definition_is_checked_with_its_variables()
    {
        var dir = Data("tf-sfn-templatefile");
        var sink = Harness.Run(Path.Combine(dir, "main.tf"), dir);

        // gatewayApiKey gets the variable's default, customer.$ the JSONPath $.session.idToken; the function ARN is a
        // resource attribute and merchant_token is not in the map: unknown.
        Assert.Equal(["statemachine/checkout.asl.json:12", "statemachine/checkout.asl.json:13"], Lines(sink.Findings, "THI024"));
        Assert.Contains("aws_sfn_state_machine.checkout", sink.Findings.First(f => f.RuleId == "THI024").Message, StringComparison.Ordinal);
        Assert.Empty(sink.Warnings);

        var alone = Harness.Run(Path.Combine(dir, "statemachine", "checkout.asl.json"), dir);
        Assert.DoesNotContain(alone.Findings, f => f.RuleId == "THI024");
    }

    // ------------------------------------------------------------------ Terraform count / for_each

    [Fact]
    public void For_each_instances_name_the_instance_and_point_at_the_element()
    {
        var dir = Data("THI009", "positive");
        var sink = Harness.Run(Path.Combine(dir, "lambda-for-each.tf"), dir);
        var debug = sink.Findings.Where(f => f.RuleId == "THI009").OrderBy(f => f.Location.Line).ToList();
        Assert.Equal([10, 71, 80], debug.Select(f => f.Location.Line));
        Assert.Contains("aws_lambda_function.service[\"payments\"]", debug[0].Message, StringComparison.Ordinal);
        Assert.Contains("aws_lambda_function.worker[2]", debug[1].Message, StringComparison.Ordinal);
        Assert.Equal("aws_lambda_function.service", debug[0].Properties["resource"]);
    }

    [Fact]
    public void Identical_instances_are_reported_once()
    {
        var dir = Data("THI011", "positive");
        var sink = Harness.Run(Path.Combine(dir, "lambda-count.tf"), dir);
        Assert.Equal(["lambda-count.tf:2"], Lines(sink.Findings, "THI011"));
    }

    [Fact]
    public void Count_zero_and_non_static_collections_give_no_instance_values()
    {
        var dir = Data("THI009", "negative");
        var sink = Harness.Run(Path.Combine(dir, "lambda-for-each.tf"), dir);
        Assert.DoesNotContain(sink.Findings, f => f.RuleId == "THI009");
    }

    [Fact]
    public void A_secret_in_a_local_of_another_file_is_reported_once_where_it_is_written()
    {
        var tmp = Directory.CreateTempSubdirectory("th-tf-locals-");
        try
        {
            File.WriteAllText(Path.Combine(tmp.FullName, "locals.tf"), """
                locals {
                  partner = {
                    endpoint  = "https://partner.example.net/v2"
                    api_token = "ptk_4Lm9Vt2Rx7Bn1Qw8Zc5Hy3Kd6"
                  }
                }
                """);
            File.WriteAllText(Path.Combine(tmp.FullName, "main.tf"), """
                resource "aws_lambda_function" "sync" {
                  function_name = "partner-sync"
                  role          = "arn:aws:iam::123456789012:role/sync"
                  handler       = "sync.handler"
                  runtime       = "python3.12"

                  environment {
                    variables = {
                      PARTNER_ENDPOINT  = local.partner.endpoint
                      PARTNER_API_TOKEN = local.partner.api_token
                    }
                  }
                }
                """);
            var locals = Harness.Run(Path.Combine(tmp.FullName, "locals.tf"), tmp.FullName);
            Assert.Equal(["locals.tf:4"], Lines(locals.Findings, "THI014"));
            var main = Harness.Run(Path.Combine(tmp.FullName, "main.tf"), tmp.FullName);
            Assert.DoesNotContain(main.Findings, f => f.RuleId == "THI014");
        }
        finally
        {
            tmp.Delete(recursive: true);
        }
    }

    // ------------------------------------------------------------------ Terraform modules

    [Fact]
    public void Module_inputs_are_reported_at_the_line_of_the_caller_that_passes_them()
    {
        var dir = Data("templates");
        var root = Path.Combine(dir, "terraform-modules", "main.tf");
        var sink = Harness.Run(root, dir);
        Assert.Empty(sink.Warnings);
        var findings = sink.Findings.Where(f => f.RuleId.StartsWith("THI", StringComparison.Ordinal)).ToList();
        Assert.All(findings, f => Assert.Equal("terraform-modules/main.tf", f.Location.Path));
        Assert.Equal(["terraform-modules/main.tf:41", "terraform-modules/main.tf:73"], Lines(findings, "THI009"));
        Assert.Equal(["terraform-modules/main.tf:74"], Lines(findings, "THI010"));
        var token = Assert.Single(findings, f => f.RuleId == "THI014");
        Assert.Equal(75, token.Location.Line);
        Assert.Equal("module.orders_api.aws_lambda_function.this", token.Properties["resource"]);
        Assert.EndsWith("(In module.orders_api, with the value passed on this line.)", token.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tok_9Hq4Lx2Vm7Tz3Rb8Kc5Wn1Pd6", token.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_module_folder_scanned_on_its_own_does_not_repeat_the_callers_findings()
    {
        var dir = Data("templates");
        var moduleMain = Path.Combine(dir, "terraform-modules", "modules", "lambda-function", "main.tf");
        var findings = Harness.Run(moduleMain, dir).Findings.Where(f => f.RuleId.StartsWith("THI", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(findings, f => f.RuleId is "THI009" or "THI010" or "THI014");
    }

    [Fact]
    public void A_value_passed_through_a_nested_module_keeps_the_line_of_the_analyzed_file()
    {
        var tmp = Directory.CreateTempSubdirectory("th-tf-nested-");
        try
        {
            var service = Path.Combine(tmp.FullName, "modules", "service");
            var lambda = Path.Combine(service, "lambda");
            Directory.CreateDirectory(lambda);
            File.WriteAllText(Path.Combine(tmp.FullName, "main.tf"), """
                module "billing" {
                  source    = "./modules/service"
                  name      = "billing"
                  log_level = "TRACE"
                }
                """);
            File.WriteAllText(Path.Combine(service, "main.tf"), """
                variable "name" {
                  type = string
                }

                variable "log_level" {
                  type = string
                }

                module "api" {
                  source    = "./lambda"
                  name      = "${var.name}-api"
                  log_level = var.log_level
                  debug     = "true"
                }
                """);
            File.WriteAllText(Path.Combine(lambda, "main.tf"), """
                variable "name" {}
                variable "log_level" {}
                variable "debug" {
                  default = "false"
                }

                resource "aws_lambda_function" "this" {
                  function_name = var.name
                  role          = "arn:aws:iam::123456789012:role/app"
                  handler       = "app.handler"
                  runtime       = "python3.12"

                  environment {
                    variables = {
                      LOG_LEVEL = var.log_level
                      DEBUG     = var.debug
                    }
                  }
                }
                """);

            var root = Harness.Run(Path.Combine(tmp.FullName, "main.tf"), tmp.FullName);
            var f = Assert.Single(root.Findings, x => x.RuleId == "THI009");
            Assert.Equal(("main.tf", 4), (f.Location.Path, f.Location.Line));
            Assert.Equal("module.billing.module.api.aws_lambda_function.this", f.Properties["resource"]);

            // DEBUG = "true" is written in the service module: reported when that file is analyzed, at its line.
            var middle = Harness.Run(Path.Combine(service, "main.tf"), tmp.FullName);
            Assert.Equal(["modules/service/main.tf:13"], Lines(middle.Findings, "THI009"));
            var leaf = Harness.Run(Path.Combine(lambda, "main.tf"), tmp.FullName);
            Assert.DoesNotContain(leaf.Findings, x => x.RuleId == "THI009");
        }
        finally
        {
            tmp.Delete(recursive: true);
        }
    }

    [Fact]
    public void Broken_or_missing_module_sources_do_not_stop_the_caller()
    {
        var tmp = Directory.CreateTempSubdirectory("th-tf-broken-");
        try
        {
            Directory.CreateDirectory(Path.Combine(tmp.FullName, "broken"));
            File.WriteAllText(Path.Combine(tmp.FullName, "broken", "main.tf"), "resource \"aws_lambda_function\" \"x\" {\n  environment {\n    variables = { LOG_LEVEL = var.level\n");
            File.WriteAllText(Path.Combine(tmp.FullName, "main.tf"), """
                module "broken" {
                  source = "./broken"
                  level  = "DEBUG"
                }

                module "missing" {
                  source = "./does-not-exist"
                  level  = "DEBUG"
                }

                module "outside" {
                  source = "../../somewhere-else"
                  level  = "DEBUG"
                }

                resource "aws_lambda_function" "ok" {
                  function_name = "ok"
                  role          = "arn:aws:iam::123456789012:role/ok"
                  handler       = "ok.handler"
                  runtime       = "python3.12"
                  environment {
                    variables = { LOG_LEVEL = "TRACE" }
                  }
                }
                """);
            var sink = Harness.Run(Path.Combine(tmp.FullName, "main.tf"), tmp.FullName);
            Assert.Empty(sink.Warnings); // the broken module file warns when it is analyzed itself
            Assert.Equal(["main.tf:22"], Lines(sink.Findings, "THI009"));
            var broken = Harness.Run(Path.Combine(tmp.FullName, "broken", "main.tf"), tmp.FullName);
            Assert.Contains(broken.Warnings, w => w.Message.Contains("not valid HCL", StringComparison.Ordinal));
        }
        finally
        {
            tmp.Delete(recursive: true);
        }
    }

    [Fact]
    public void Module_cycles_and_deep_nesting_give_one_warning_and_terminate()
    {
        var tmp = Directory.CreateTempSubdirectory("th-tf-modules-");
        try
        {
            Directory.CreateDirectory(Path.Combine(tmp.FullName, "a"));
            Directory.CreateDirectory(Path.Combine(tmp.FullName, "b"));
            File.WriteAllText(Path.Combine(tmp.FullName, "a", "main.tf"), "module \"b\" {\n  source    = \"../b\"\n  log_level = \"DEBUG\"\n}\n");
            File.WriteAllText(Path.Combine(tmp.FullName, "b", "main.tf"), """
                variable "log_level" {
                  type = string
                }

                module "a" {
                  source = "../a"
                }

                resource "aws_lambda_function" "b" {
                  function_name = "b"
                  role          = "arn:aws:iam::123456789012:role/b"
                  handler       = "b.handler"
                  runtime       = "python3.12"

                  environment {
                    variables = {
                      LOG_LEVEL = var.log_level
                    }
                  }
                }
                """);
            var sink = Harness.Run(Path.Combine(tmp.FullName, "a", "main.tf"), tmp.FullName);
            Assert.Equal(["a/main.tf:3"], Lines(sink.Findings, "THI009"));

            var chain = Path.Combine(tmp.FullName, "chain");
            for (var i = 0; i < 12; i++)
            {
                var level = Path.Combine(chain, string.Concat(Enumerable.Repeat("m/", i)));
                Directory.CreateDirectory(level);
                File.WriteAllText(Path.Combine(level, "main.tf"), "variable \"x\" {\n  type = string\n}\n\nmodule \"next\" {\n  source = \"./m\"\n  x      = \"v\"\n}\n");
            }

            var deep = Harness.Run(Path.Combine(chain, "main.tf"), tmp.FullName);
            var warning = Assert.Single(deep.Warnings);
            Assert.Contains("nested more than 8 levels", warning.Message, StringComparison.Ordinal);

            var cycle = Harness.Run(Path.Combine(tmp.FullName, "b", "main.tf"), tmp.FullName);
            Assert.Contains(cycle.Warnings, w => w.Message.Contains("module cycle", StringComparison.Ordinal));

            // Two module blocks with 250 instances each: the budget (500 instances per analyzed file) ends the walk.
            var wide = Path.Combine(tmp.FullName, "wide");
            Directory.CreateDirectory(Path.Combine(wide, "leaf"));
            File.WriteAllText(Path.Combine(wide, "leaf", "main.tf"), "variable \"n\" {}\n");
            var names = string.Join(", ", Enumerable.Range(0, 250).Select(i => $"\"n{i}\""));
            File.WriteAllText(Path.Combine(wide, "main.tf"), $$"""
                locals {
                  names = [{{names}}]
                }

                module "first" {
                  source   = "./leaf"
                  for_each = toset(local.names)
                  n        = each.key
                }

                module "second" {
                  source   = "./leaf"
                  for_each = toset(local.names)
                  n        = each.key
                }

                module "third" {
                  source = "./leaf"
                  n      = "x"
                }
                """);
            var budget = Harness.Run(Path.Combine(wide, "main.tf"), tmp.FullName);
            var w = Assert.Single(budget.Warnings);
            Assert.Contains("more than 500 module instances", w.Message, StringComparison.Ordinal);
        }
        finally
        {
            tmp.Delete(recursive: true);
        }
    }
}
