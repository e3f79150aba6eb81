using TokenHound.Core;
using TokenHound.Iac.Checks;

namespace TokenHound.Iac.Tests;

/// <summary>THI001's backend branch: the audience / client-id check looked for in a function's code.</summary>
public class BackendAudienceTests
{
    [Theory]
    [InlineData("const v = CognitoJwtVerifier.create({\n  userPoolId: 'eu-west-1_Abc',\n  tokenUse: 'access',\n  clientId: process.env.CLIENT_ID,\n});", 4)]
    [InlineData("const v = CognitoJwtVerifier.create({ userPoolId, tokenUse: 'id', clientId });", 1)]
    [InlineData("import jwt\nclaims = jwt.decode(token, key, algorithms=['RS256'], audience=APP_CLIENT_ID)", 2)]
    [InlineData("jwt.verify(token, getKey, { audience: expectedAudience, issuer }, cb);", 1)]
    [InlineData("services.AddAuthentication().AddJwtBearer(o => {\n    o.TokenValidationParameters = new() { ValidAudience = clientId, ValidIssuer = issuer };\n});", 2)]
    [InlineData("if claims['client_id'] not in ALLOWED_CLIENTS:\n    raise Forbidden()", 1)]
    [InlineData("if (payload.aud !== process.env.WEB_CLIENT) throw new Error('wrong client');", 1)]
    [InlineData("JWTVerifier verifier = JWT.require(algorithm).withIssuer(issuer).withAudience(clientId).build();", 1)]
    public void Finds_the_check(string code, int line) => Assert.Equal(line, BackendAudienceCheck.FindCheck(code));

    [Theory]
    [InlineData("const v = CognitoJwtVerifier.create({ userPoolId: 'eu-west-1_Abc', tokenUse: 'id', clientId: null });")]
    [InlineData("claims = jwt.decode(token, key, algorithms=['RS256'], audience=None)")]
    [InlineData("claims = jwt.decode(token, key, algorithms=['RS256'], options={'verify_aud': False})")]
    [InlineData("o.TokenValidationParameters = new() { ValidateAudience = false, ValidAudiences = audiences };")]
    [InlineData("// if (payload.aud !== CLIENT_ID) throw new Error('wrong client');\nconsole.log(payload.client_id);")]
    [InlineData("user_id = event['requestContext']['authorizer']['claims']['sub']\nif claims.get('token_use') != 'access':\n    return deny()")]
    public void Reports_no_check_when_there_is_none(string code) => Assert.Null(BackendAudienceCheck.FindCheck(code));

    [Fact]
    public void Finding_is_low_confidence_and_names_the_functions_without_a_check()
    {
        var dir = Path.Combine(Harness.TestData, "THI001", "positive");
        var sink = Harness.Run(Path.Combine(dir, "sam-backend", "template.yaml"), dir);
        var f = Assert.Single(sink.Findings, x => x.RuleId == "THI001");
        Assert.Equal(Confidence.Low, f.Confidence);
        Assert.Equal(47, f.Location.Line);
        Assert.Contains("ListOrdersFunction (src/list_orders)", f.Message, StringComparison.Ordinal);
        Assert.Contains("GetProfileFunction (src/get_profile)", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_code_gives_no_finding_from_the_backend_branch()
    {
        // Same template text, analyzed without a folder: CodeUri cannot be resolved, so the single-client pool is not reported.
        var path = Path.Combine(Harness.TestData, "THI001", "positive", "sam-backend", "template.yaml");
        var sink = Harness.RunText(File.ReadAllText(path));
        Assert.DoesNotContain(sink.Findings, x => x.RuleId == "THI001");
    }
}
