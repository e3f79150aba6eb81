using TokenHound.Iac.CloudFormation;
using TokenHound.Iac.Model;

namespace TokenHound.Iac.Tests;

/// <summary>The same template in YAML short form and in JSON long form evaluates to the same values.</summary>
public class EvaluatorTests
{
    private const string Yaml = """
        AWSTemplateFormatVersion: '2010-09-09'
        Parameters:
          Stage: { Type: String, Default: prod }
          Level: { Type: String, AllowedValues: [DEBUG, INFO] }
          NoDefault: { Type: String }
        Mappings:
          Cfg:
            prod: { Retention: 90, Level: INFO }
            dev: { Retention: 7, Level: DEBUG }
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
          IsDev: !Not [!Condition IsProd]
          Both: !And [!Condition IsProd, !Equals [a, a]]
          Either: !Or [!Condition IsDev, !Equals [!Ref NoDefault, x]]
        Resources:
          T:
            Type: AWS::SNS::Topic
            Properties:
              Sub: !Sub '${AWS::Partition}-${Stage}-${!Literal}'
              SubList: !Sub ['${A}/${B}', { A: !Ref Stage, B: !FindInMap [Cfg, !Ref Stage, Level] }]
              Join: !Join ['-', [a, !Ref Stage, !Select [1, [x, y, z]]]]
              If: !If [IsProd, on, off]
              IfDev: !If [IsDev, on, off]
              IfBoth: !If [Both, yes, no]
              IfUnknown: !If [Either, one, two]
              Allowed: !Ref Level
              Unknown: !GetAtt Other.Arn
              UnknownSub: !Sub '${Other.Arn}/x'
              Import: !ImportValue shared
              B64: !Base64 { 'Fn::Sub': 'x-${Stage}' }
              Split: !Select [0, !Split [',', 'a,b']]
              Azs: !GetAZs ''
          Other:
            Type: AWS::SNS::Topic
        """;

    private const string Json = """
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Parameters": {
            "Stage": { "Type": "String", "Default": "prod" },
            "Level": { "Type": "String", "AllowedValues": ["DEBUG", "INFO"] },
            "NoDefault": { "Type": "String" }
          },
          "Mappings": { "Cfg": { "prod": { "Retention": 90, "Level": "INFO" }, "dev": { "Retention": 7, "Level": "DEBUG" } } },
          "Conditions": {
            "IsProd": { "Fn::Equals": [{ "Ref": "Stage" }, "prod"] },
            "IsDev": { "Fn::Not": [{ "Condition": "IsProd" }] },
            "Both": { "Fn::And": [{ "Condition": "IsProd" }, { "Fn::Equals": ["a", "a"] }] },
            "Either": { "Fn::Or": [{ "Condition": "IsDev" }, { "Fn::Equals": [{ "Ref": "NoDefault" }, "x"] }] }
          },
          "Resources": {
            "T": {
              "Type": "AWS::SNS::Topic",
              "Properties": {
                "Sub": { "Fn::Sub": "${AWS::Partition}-${Stage}-${!Literal}" },
                "SubList": { "Fn::Sub": ["${A}/${B}", { "A": { "Ref": "Stage" }, "B": { "Fn::FindInMap": ["Cfg", { "Ref": "Stage" }, "Level"] } }] },
                "Join": { "Fn::Join": ["-", ["a", { "Ref": "Stage" }, { "Fn::Select": [1, ["x", "y", "z"]] }]] },
                "If": { "Fn::If": ["IsProd", "on", "off"] },
                "IfDev": { "Fn::If": ["IsDev", "on", "off"] },
                "IfBoth": { "Fn::If": ["Both", "yes", "no"] },
                "IfUnknown": { "Fn::If": ["Either", "one", "two"] },
                "Allowed": { "Ref": "Level" },
                "Unknown": { "Fn::GetAtt": ["Other", "Arn"] },
                "UnknownSub": { "Fn::Sub": "${Other.Arn}/x" },
                "Import": { "Fn::ImportValue": "shared" },
                "B64": { "Fn::Base64": { "Fn::Sub": "x-${Stage}" } },
                "Split": { "Fn::Select": [0, { "Fn::Split": [",", "a,b"] }] },
                "Azs": { "Fn::GetAZs": "" }
              }
            },
            "Other": { "Type": "AWS::SNS::Topic" }
          }
        }
        """;

    public static TheoryData<string> Forms() => new() { Yaml, Json };

    private static CfnTemplate Load(string text)
    {
        var w = new List<(int, string)>();
        var root = text.TrimStart().StartsWith('{') ? JsonLoader.Load(text, w) : YamlLoader.Load(text, w);
        Assert.Empty(w);
        return CfnTemplate.Build((TMap)root!, w);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Intrinsics_evaluate_the_same_in_both_forms(string text)
    {
        var t = Load(text);
        var p = t.ById["T"].Properties;
        var e = t.Eval;
        Assert.Equal("aws-prod-${Literal}", e.Str(p["Sub"]));
        Assert.Equal("prod/INFO", e.StrOrDefault(p["SubList"]));
        Assert.Equal("a-prod-y", e.StrOrDefault(p["Join"]));
        Assert.Equal("on", e.StrOrDefault(p["If"]));
        Assert.Equal("off", e.StrOrDefault(p["IfDev"]));
        Assert.Equal("yes", e.StrOrDefault(p["IfBoth"]));
        Assert.Equal("x-prod", e.StrOrDefault(p["B64"]));

        // Conditions that depend on an unknown parameter yield both branches, marked conditional.
        var both = e.Values(p["IfUnknown"]);
        Assert.Equal(["one", "two"], both.Select(v => v.Text));
        Assert.All(both, v => Assert.True(v.Conditional));

        // AllowedValues without a default: each is possible, none is certain.
        var allowed = e.Values(p["Allowed"]);
        Assert.Equal(["DEBUG", "INFO"], allowed.Select(v => v.Text));
        Assert.All(allowed, v => Assert.True(v.Conditional));
        Assert.Null(e.Str(p["Allowed"]));

        // Unknowns: resource attributes, imports, Split (not evaluated), GetAZs.
        foreach (var k in new[] { "Unknown", "UnknownSub", "Import", "Split", "Azs" })
        {
            Assert.Null(e.StrOrDefault(p[k]));
            Assert.Null(e.Find(p[k], _ => true));
        }

        Assert.Equal("Other", e.RefTarget(p["Unknown"]));
        Assert.Equal("Other", e.RefTarget(p["UnknownSub"]));
        Assert.Equal(true, e.Condition("IsProd", 0, []));
        Assert.Null(e.Condition("Either", 0, []));
    }

    [Fact]
    public void Yaml_and_json_report_positions_of_values()
    {
        var y = Load(Yaml).ById["T"].Properties;
        var j = Load(Json).ById["T"].Properties;
        Assert.Equal(19, y["Sub"]!.ReportLine);
        Assert.Equal(19, j["Sub"]!.ReportLine);
        Assert.Equal(7, y["Sub"]!.ReportColumn);
        Assert.Equal(9, j["Sub"]!.ReportColumn);
    }
}
