using System.Diagnostics;
using System.Text;
using TokenHound.Core;
using TokenHound.Iac.Model;
using TokenHound.Iac.Terraform;

namespace TokenHound.Iac.Tests;

/// <summary>Bad input gives a warning naming the file and line, never an exception; unknown values never match.</summary>
public class RobustnessTests
{
    [Fact]
    public void Malformed_yaml_template_warns_with_the_line()
    {
        var sink = Harness.RunText("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties: [unclosed\n", "bad.yaml");
        var w = Assert.Single(sink.Warnings);
        Assert.Equal("bad.yaml", w.Input);
        Assert.Matches(@"^line \d+: template is not well-formed", w.Message);
        Assert.Empty(sink.Findings);
    }

    [Fact]
    public void Malformed_json_template_warns_with_the_line()
    {
        var sink = Harness.RunText("{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n  \"Resources\": {\n    \"A\": { \"Type\": \"AWS::SNS::Topic\" },,\n  }\n}\n", "bad.json");
        var w = Assert.Single(sink.Warnings);
        Assert.StartsWith("line 4:", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_keys_and_unknown_tags_warn_and_the_scan_goes_on()
    {
        var yaml = """
            AWSTemplateFormatVersion: '2010-09-09'
            Resources:
              Url:
                Type: AWS::Lambda::Url
                Properties:
                  TargetFunctionArn: !MyMacro something
                  AuthType: AWS_IAM
                  AuthType: NONE
            """;
        var sink = Harness.RunText(yaml);
        Assert.Contains(sink.Warnings, w => w.Message == "line 6: unknown tag !MyMacro; its value is treated as unknown");
        Assert.Contains(sink.Warnings, w => w.Message == "line 8: duplicate key 'AuthType' (the last one is used)");
        var f = Assert.Single(sink.Findings);
        Assert.Equal(("THI005", 8), (f.RuleId, f.Location.Line));
    }

    [Fact]
    public void Unknown_tag_value_is_neither_a_match_nor_a_pass()
    {
        var yaml = """
            AWSTemplateFormatVersion: '2010-09-09'
            Resources:
              Url:
                Type: AWS::Lambda::Url
                Properties:
                  TargetFunctionArn: arn:aws:lambda:eu-west-1:111122223333:function:x
                  AuthType: !MyMacro NONE
            """;
        var sink = Harness.RunText(yaml);
        Assert.DoesNotContain(sink.Findings, f => f.RuleId == "THI005");
    }

    [Fact]
    public void Circular_references_warn_and_terminate()
    {
        var yaml = """
            AWSTemplateFormatVersion: '2010-09-09'
            Conditions:
              A: !Condition B
              B: !Condition A
            Resources:
              First:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !GetAtt Second.TopicName
              Second:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !Sub '${First.TopicName}-2'
              Url:
                Type: AWS::Lambda::Url
                Properties:
                  TargetFunctionArn: !Ref First
                  AuthType: !If [A, NONE, AWS_IAM]
            """;
        var sink = Harness.RunText(yaml);
        Assert.Contains(sink.Warnings, w => w.Message.Contains("circular reference between resources: First -> Second -> First", StringComparison.Ordinal) ||
                                            w.Message.Contains("circular reference between resources: Second -> First -> Second", StringComparison.Ordinal));
        Assert.Contains(sink.Warnings, w => w.Message.Contains("circular condition", StringComparison.Ordinal));
        // The condition is unknown: NONE is only possible, so the finding has low confidence.
        var f = Assert.Single(sink.Findings, x => x.RuleId == "THI005");
        Assert.Equal(Confidence.Low, f.Confidence);
    }

    [Fact]
    public void Billion_laughs_aliases_are_bounded()
    {
        var sb = new StringBuilder("AWSTemplateFormatVersion: '2010-09-09'\nMetadata:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            sb.Append($"  a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        sb.Append("Resources:\n  T:\n    Type: AWS::SNS::Topic\n");
        var sw = Stopwatch.StartNew();
        var sink = Harness.RunText(sb.ToString());
        Assert.Contains(sink.Warnings, w => w.Message.Contains("expands past", StringComparison.Ordinal));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Deep_nesting_is_a_warning_not_a_stack_overflow()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        var sink = Harness.RunText("{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Metadata\": " + deep + "}", "deep.json");
        Assert.Contains(sink.Warnings, w => w.Message.Contains("nesting deeper than", StringComparison.Ordinal));
        var hcl = Harness.RunText("locals {\n  x = " + deep + "\n}\n", "deep.tf");
        Assert.Contains(hcl.Warnings, w => w.Message.Contains("nesting deeper than", StringComparison.Ordinal));
        var yaml = Harness.RunText("AWSTemplateFormatVersion: x\nMetadata: " + deep + "\n", "deep.yaml");
        Assert.Contains(yaml.Warnings, w => w.Message.Contains("nesting deeper than", StringComparison.Ordinal));
    }

    [Fact]
    public void Huge_template_is_skipped_with_a_warning()
    {
        var sb = new StringBuilder("{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Resources\":{");
        var i = 0;
        while (sb.Length < Limits.MaxTemplateChars + 10)
        {
            sb.Append($"\"T{i}\":{{\"Type\":\"AWS::SNS::Topic\",\"Properties\":{{\"TopicName\":\"topic-{i}-{new string('x', 200)}\"}}}},");
            i++;
        }

        sb.Append("\"Last\":{\"Type\":\"AWS::SNS::Topic\"}}}");
        var sink = Harness.RunText(sb.ToString(), "huge.json");
        var w = Assert.Single(sink.Warnings);
        Assert.Equal("huge.json", w.Input);
        Assert.Contains("too large for template analysis", w.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n", "missing '}'")]
    [InlineData("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"unterminated\n}\n", "unterminated string")]
    [InlineData("locals {\n  x = <<EOF\nno end\n}\n", "has no closing EOF line")]
    [InlineData("locals {\n  x = 1 +\n}\n", "expected an expression")]
    public void Malformed_hcl_warns_with_the_line(string text, string message)
    {
        var sink = Harness.RunText(text, "main.tf");
        var w = Assert.Single(sink.Warnings);
        Assert.Equal("main.tf", w.Input);
        Assert.Matches(@"^line \d+: not valid HCL: ", w.Message);
        Assert.Contains(message, w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_templates_are_ignored_by_content()
    {
        // A docker-compose file and a package.json are YAML/JSON but not templates.
        Assert.Empty(Harness.RunText("services:\n  web:\n    image: nginx\n    environment:\n      AWS::Region: x\n", "docker-compose.yml").Findings);
        Assert.Empty(Harness.RunText("{\"name\": \"app\", \"description\": \"uses AWS::Lambda::Function\"}", "package.json").Warnings);
        // ...while a template with an unusual name is detected.
        var sink = Harness.RunText("Resources:\n  K:\n    Type: AWS::IAM::AccessKey\n    Properties:\n      UserName: ci\n", "infra/stack.template");
        Assert.Equal("THI026", Assert.Single(sink.Findings).RuleId);
    }
}

public class SuppressionTests
{
    [Fact]
    public void Metadata_tokenhound_ignore_suppresses_listed_rules_on_that_resource_only()
    {
        var yaml = """
            AWSTemplateFormatVersion: '2010-09-09'
            Resources:
              PublicWebhook:
                Type: AWS::Lambda::Url
                Metadata:
                  tokenhound:
                    ignore: [THI005]
                Properties:
                  TargetFunctionArn: arn:aws:lambda:eu-west-1:111122223333:function:webhook
                  AuthType: NONE
              OtherUrl:
                Type: AWS::Lambda::Url
                Properties:
                  TargetFunctionArn: arn:aws:lambda:eu-west-1:111122223333:function:other
                  AuthType: NONE
            """;
        var sink = Harness.RunText(yaml);
        var f = Assert.Single(sink.Findings);
        Assert.Equal(("THI005", 15), (f.RuleId, f.Location.Line));
        Assert.Equal("OtherUrl", f.Properties["resource"]);
    }

    [Fact]
    public void Findings_point_at_the_property_line_so_inline_ignores_work()
    {
        var yaml = """
            AWSTemplateFormatVersion: '2010-09-09'
            Resources:
              Url:
                Type: AWS::Lambda::Url
                Properties:
                  TargetFunctionArn: arn:aws:lambda:eu-west-1:111122223333:function:webhook
                  # tokenhound:ignore THI005 webhook verifies an HMAC signature
                  AuthType: NONE
            """;
        var file = new SourceFile { Path = "t.yaml", Text = yaml };
        var f = Assert.Single(Harness.Run(file).Findings);
        Assert.Equal(8, f.Location.Line);
        Assert.Equal(7, f.Location.Column);
        Assert.True(InlineIgnore.IsIgnored(file.Lines, f.Location.Line, f.RuleId));
        Assert.Contains("AuthType: NONE", f.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_findings_never_show_the_secret_in_evidence()
    {
        var sk = "PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA+";
        var yaml = $"AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment:\n        Variables:\n          AWS_SECRET_ACCESS_KEY: {sk}\n";
        var f = Assert.Single(Harness.RunText(yaml).Findings, x => x.RuleId == "THI013");
        Assert.DoesNotContain(sk, f.Evidence, StringComparison.Ordinal);
        Assert.Equal(sk, f.Secret);
        Assert.Equal("Fn", f.Properties["resource"]);
        Assert.Equal("Environment.Variables.AWS_SECRET_ACCESS_KEY", f.Properties["property"]);
        Assert.Equal(34, f.Location.Column);
    }
}
