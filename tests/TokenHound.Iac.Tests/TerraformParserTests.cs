using TokenHound.Core;
using TokenHound.Iac.Model;
using TokenHound.Iac.Terraform;

namespace TokenHound.Iac.Tests;

public class TerraformParserTests
{
    private static (TfModule Module, TfFile File) Load(string text)
    {
        var lines = new LineMap(text);
        var file = new TfFile { FullPath = "main.tf", Text = text, Lines = lines, Body = HclParser.Parse(text, lines) };
        return (TfModule.Build([file]), file);
    }

    [Fact]
    public void Parses_a_real_world_module_with_every_expression_form()
    {
        var text = File.ReadAllText(Path.Combine(Harness.TestData, "hcl", "realworld.tf"));
        var (module, file) = Load(text);
        var body = file.Body;
        Assert.Equal(["terraform", "locals", "variable", "variable", "variable", "resource", "module", "output"], body.Blocks.Select(b => b.Type));
        var locals = body.BlocksOf("locals").Single().Body;
        Assert.Equal(14, locals.Attributes.Count);
        Assert.IsType<HFor>(locals.Attribute("functions")!.Value);
        Assert.True(((HFor)locals.Attribute("functions")!.Value).IsObject);
        Assert.True(((HFor)locals.Attribute("grouped")!.Value).Grouping);
        Assert.IsType<HFor>(locals.Attribute("subnet_ids")!.Value);
        var splat = Assert.IsType<HTraversal>(locals.Attribute("all_arns")!.Value);
        Assert.Contains(splat.Steps, s => s is HSplatStep { Full: true });
        var legacy = Assert.IsType<HTraversal>(locals.Attribute("legacy_splat")!.Value);
        Assert.Contains(legacy.Steps, s => s is HSplatStep { Full: false });
        Assert.IsType<HBinary>(locals.Attribute("ratio")!.Value);
        Assert.IsType<HBinary>(locals.Attribute("enabled")!.Value);
        Assert.IsType<HUnary>(locals.Attribute("negative")!.Value);
        var ud = Assert.IsType<HTemplate>(locals.Attribute("user_data")!.Value);
        Assert.True(ud.Heredoc);
        Assert.True(ud.HasDirectives);
        var cidr = Assert.IsType<HTraversal>(locals.Attribute("cidr")!.Value);
        Assert.Equal("provider::aws::arn_parse", Assert.IsType<HCall>(cidr.Root).Name);

        // Static evaluation: variable defaults, locals, templates, escapes.
        var name = module.Expr(locals.Attribute("name")!.Value, file, 0);
        Assert.Equal("orders-prod", TfModule.Lit(name));
        var escaped = module.Expr(locals.Attribute("escaped")!.Value, file, 0);
        Assert.Equal("literal ${not_interpolated} and %{not_a_directive} \"quoted\" é", TfModule.Lit(escaped));
        // merge() of an undeclared variable is unknown (never guessed), and keeps its source text.
        var tags = Assert.IsType<TScalar>(module.Expr(locals.Attribute("common_tags")!.Value, file, 0));
        Assert.Equal("!hcl", tags.Tag);
        Assert.StartsWith("merge(var.tags, {", tags.Value, StringComparison.Ordinal);

        // Resources: dynamic blocks become nested blocks; unknowns keep their source text.
        var fn = Assert.Single(module.Resources);
        Assert.Equal("aws_lambda_function.fn", fn.Address);
        Assert.NotNull(TfModule.Block(fn.Node, "vpc_config"));
        Assert.Equal("aws_iam_role", TfModule.RefOf(fn.Node["role"])!.Split('.')[0]);
        var fnName = Assert.IsType<TScalar>(fn.Node["function_name"]);
        Assert.Equal("orders-prod-${each.key}", fnName.Value);
        Assert.NotNull(fnName.Tag);
        Assert.Equal(67, fnName.Line);
        // merge(local.common_tags, ...) depends on an undeclared variable: unknown, not a partial map.
        Assert.Equal("!hcl", Assert.IsType<TScalar>(TfModule.Block(fn.Node, "environment")?["variables"]).Tag);
        Assert.Single(module.Outputs);
    }

    [Theory]
    [InlineData("a ? b : c ? d : e")]
    [InlineData("[for i, v in var.list : upper(v) if v != \"\"]")]
    [InlineData("{ for k, v in var.m : k => v... }")]
    [InlineData("foo(bar...)")]
    [InlineData("var.a[0].b[\"c\"].*.d")]
    [InlineData("{\n  a = 1\n  \"b\" = 2,\n  (var.k) = 3\n  c: 4\n}")]
    [InlineData("[\n  1,\n  2,\n]")]
    [InlineData("\"${a}${b}%{if c}x%{else}y%{endif}\"")]
    [InlineData("1 + 2 * 3 == 7 && !false || 2 >= 1")]
    public void Parses_expression_forms(string text)
    {
        var e = HclParser.ParseExpression(text);
        Assert.NotNull(e);
    }

    [Fact]
    public void Operator_precedence_follows_hcl()
    {
        var e = Assert.IsType<HBinary>(HclParser.ParseExpression("1 + 2 * 3 == 7 || x"));
        Assert.Equal("||", e.Op);
        var eq = Assert.IsType<HBinary>(e.Left);
        Assert.Equal("==", eq.Op);
        var plus = Assert.IsType<HBinary>(eq.Left);
        Assert.Equal("+", plus.Op);
        Assert.Equal("*", Assert.IsType<HBinary>(plus.Right).Op);
    }

    [Fact]
    public void One_line_blocks_and_attributes_after_closing_braces()
    {
        var (module, file) = Load("resource \"aws_sqs_queue\" \"q\" { name = \"q\" }\nresource \"aws_sqs_queue\" \"r\" {}\n");
        Assert.Equal(2, module.Resources.Count);
        Assert.Equal("q", TfModule.Lit(module.Resources[0].Node["name"]));
        _ = file;
    }

    [Fact]
    public void Locals_referring_to_themselves_warn_and_stay_unknown()
    {
        var (module, file) = Load("locals {\n  a = local.b\n  b = local.a\n}\nresource \"aws_sqs_queue\" \"q\" {\n  name = local.a\n}\n");
        var q = Assert.Single(module.Resources);
        Assert.Null(TfModule.Lit(q.Node["name"]));
        Assert.Contains(module.Warnings, w => w.Message.Contains("refers to itself", StringComparison.Ordinal));
        _ = file;
    }

    [Fact]
    public void Heredoc_content_lines_map_to_the_file()
    {
        var text = "resource \"aws_iam_policy\" \"p\" {\n  policy = <<-EOF\n    {\n      \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]\n    }\n  EOF\n}\n";
        var sink = Harness.RunText(text, "iam.tf");
        var f = Assert.Single(sink.Findings);
        Assert.Equal(("THI022", 4), (f.RuleId, f.Location.Line));
    }

    [Fact]
    public void Count_and_for_each_expand_into_instances_with_their_values()
    {
        var (module, _) = Load("""
            variable "zones" {
              default = ["a", "b"]
            }

            locals {
              queues = { orders = 30, refunds = 60 }
            }

            resource "aws_sqs_queue" "q" {
              for_each                   = local.queues
              name                       = "shop-${each.key}"
              visibility_timeout_seconds = each.value
            }

            resource "aws_subnet" "s" {
              count             = length(var.zones)
              availability_zone = "eu-west-1${var.zones[count.index]}"
            }

            resource "aws_instance" "dynamic" {
              for_each      = { (var.name) = 1 }
              instance_type = "t3.micro"
            }

            resource "aws_instance" "off" {
              count = 0
            }
            """);
        var queues = module.OfType("aws_sqs_queue").ToList();
        Assert.Equal(["[\"orders\"]", "[\"refunds\"]"], queues.Select(q => q.Instance));
        Assert.Equal(["shop-orders", "shop-refunds"], queues.Select(q => TfModule.Lit(q.Node["name"])));
        Assert.Equal(["30", "60"], queues.Select(q => TfModule.Lit(q.Node["visibility_timeout_seconds"])));
        Assert.Equal(6, queues[0].Node["visibility_timeout_seconds"]!.ReportLine); // the element of the map, where 30 is written
        Assert.All(queues, q => Assert.Equal("aws_sqs_queue.q", q.Address));

        var subnets = module.OfType("aws_subnet").ToList();
        Assert.Equal(["eu-west-1a", "eu-west-1b"], subnets.Select(s => TfModule.Lit(s.Node["availability_zone"])));
        Assert.Equal("aws_subnet.s[1]", subnets[1].Display);

        var dynamic = Assert.Single(module.OfType("aws_instance"));
        Assert.Equal("", dynamic.Instance); // the key is not static: one instance, each.* unknown
    }
}
