using TokenHound.Core;
using TokenHound.Secrets.Detectors;

namespace TokenHound.Secrets.Tests;

public sealed class JwtTests
{
    private const long Now = JwtDetector.ExampleNow;

    [Fact]
    public void Live_cognito_id_token_reports_claims()
    {
        var token = FakeTokens.CognitoToken("id", Now + 3600);
        var m = Scan.Single($"Authorization: {token}", "THS004");
        Assert.Equal(token, m.Value);
        Assert.Equal(Severity.High, m.Severity);
        Assert.Equal("RS256", m.Properties["alg"]);
        Assert.Equal("id", m.Properties["token_use"]);
        Assert.Equal("cognito", m.Properties["issuer"]);
        Assert.Equal("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_FAKEp00l1", m.Properties["iss"]);
        Assert.Equal("4fakeclient7id2cognito9x", m.Properties["aud"]);
        Assert.Equal((Now + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture), m.Properties["exp"]);
        Assert.Equal("false", m.Properties["expired"]);
        Assert.Equal("Cognito id token", m.Title);
    }

    [Fact]
    public void Expired_token_stays_a_finding_at_low_severity()
    {
        var m = Scan.Single(FakeTokens.CognitoToken("access", Now - 60), "THS004");
        Assert.Equal(Severity.Low, m.Severity);
        Assert.Equal("true", m.Properties["expired"]);
        Assert.Equal("access", m.Properties["token_use"]);
        Assert.Equal("Expired Cognito access token", m.Title);

        // The same token scanned an hour before it expires is live.
        var earlier = new SecretsEngine(new SecretsOptions { Now = DateTimeOffset.FromUnixTimeSeconds(Now - 3600) });
        Assert.Equal(Severity.High, Assert.Single(earlier.Scan(FakeTokens.CognitoToken("access", Now - 60))).Severity);
    }

    [Fact]
    public void Unsigned_alg_none_token_is_critical()
    {
        var token = FakeTokens.Jwt("""{"alg":"none"}""", """{"sub":"admin","exp":1893456000}""", "");
        Assert.EndsWith(".", token);
        var m = Scan.Single($"token={token} next", "THS004");
        Assert.Equal(token, m.Value);
        Assert.Equal(Severity.Critical, m.Severity);
        Assert.Contains("alg none", m.Message);
    }

    [Fact]
    public void Aud_arrays_are_joined()
    {
        var m = Scan.Single(FakeTokens.Jwt("""{"alg":"ES256"}""", """{"aud":["orders","billing"],"iss":"https://auth.internal"}"""), "THS004");
        Assert.Equal("orders,billing", m.Properties["aud"]);
        Assert.Equal("no expiry", m.Message!.Split(", ")[1]);
    }

    [Theory]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9X.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXBhcnQtaGVyZQ")] // header not base64
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.c2lnbmF0dXJlLXBhcnQtaGVyZQ")]              // payload {} too short
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.bm90IGpzb24gYXQgYWxs.c2lnbmF0dXJlLXBhcnQtaGVyZQ")] // payload not JSON
    [InlineData("eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXBhcnQtaGVyZQ")]                  // no alg
    public void Malformed_tokens_are_not_findings(string text) => Scan.None(text);

    [Fact]
    public void Token_inside_a_longer_base64_run_is_not_a_jwt()
    {
        var token = FakeTokens.Jwt("""{"alg":"HS256"}""", """{"sub":"x"}""");
        Scan.None("QUJDRE" + token, "THS004");
        Scan.None("a.b" + "." + token.Replace("eyJ", "xeyJ", StringComparison.Ordinal), "THS004");
    }
}

public sealed class CognitoRefreshTokenTests
{
    [Fact]
    public void Finds_refresh_token_in_an_auth_result_and_not_a_jwt()
    {
        var refresh = FakeTokens.CognitoRefreshToken(5);
        var access = FakeTokens.CognitoToken("access", JwtDetector.ExampleNow + 600);
        var text = $$$"""{"AuthenticationResult":{"AccessToken":"{{{access}}}","ExpiresIn":3600,"TokenType":"Bearer","RefreshToken":"{{{refresh}}}"}}""";
        var ms = Scan.Matches(text);
        Assert.Equal(["THS004", "THS005"], ms.Select(m => m.Rule.Id));
        Assert.Equal(refresh, ms[1].Value);
        Assert.Equal("RSA-OAEP", ms[1].Properties["alg"]);
        Assert.Equal("A256GCM", ms[1].Properties["enc"]);
        Assert.Equal(Confidence.High, ms[1].Confidence);
    }
}

public sealed class BearerTokenTests
{
    [Fact]
    public void Curl_command_gives_the_opaque_token()
    {
        var token = FakeTokens.Opaque(40, 41);
        var text = $"""
            #!/bin/sh
            curl -sS https://api.example.com/v2/reports \
              -H "Authorization: Bearer {token}" \
              -H "Accept: application/json"
            """;
        Assert.Equal(["THS006@3"], Scan.Lines(text));
        Assert.Equal(token, Scan.Single(text, "THS006").Value);
    }

    [Fact]
    public void Jwt_after_bearer_is_reported_by_the_jwt_rule()
    {
        var jwt = FakeTokens.CognitoToken("access", JwtDetector.ExampleNow + 600);
        Assert.Equal(["THS004@1"], Scan.Lines($"Authorization: Bearer {jwt}"));
    }

    [Theory]
    [InlineData("headers['Authorization'] = 'Bearer ' + accessToken")]
    [InlineData("Authorization: `Bearer ${token}`")]
    [InlineData("Authorization: Bearer ${TOKEN}")]
    [InlineData("-H \"Authorization: Bearer $GITHUB_TOKEN\"")]
    [InlineData("Authorization: Bearer <access-token>")]
    [InlineData("Authorization: Bearer xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("\"Authorization\": \"Bearer {{token}}\"")]
    [InlineData("auth = f\"Bearer {token}\"")]
    [InlineData("Authorization: Bearer 1234567890abcdef1234")]
    [InlineData("Authorization: Bearer short1")]
    public void Placeholders_and_code_are_not_tokens(string text) => Scan.None(text, "THS006");

    [Fact]
    public void Lowercase_header_in_a_log_is_found()
    {
        var token = FakeTokens.Opaque(28, 42);
        var m = Scan.Single($"2026-01-01T00:00:00Z DEBUG headers={{authorization=bearer {token}, host=x}}", "THS006");
        Assert.Equal(token, m.Value);
    }
}

public sealed class BasicAuthTests
{
    [Fact]
    public void Basic_header_decodes_user()
    {
        var b64 = FakeTokens.BasicCredentials("deploy-bot", "h7Kq9#Lm2xPz");
        var m = Scan.Single($"Authorization: Basic {b64}\r\n", "THS007");
        Assert.Equal(b64, m.Value);
        Assert.Equal("deploy-bot", m.Properties["user"]);
    }

    [Fact]
    public void Url_credentials_report_the_password_span()
    {
        const string Text = "spring.datasource.url=jdbc:mysql://app_rw:Xk29fQ7!pL3z@db.internal:3306/app";
        var m = Scan.Single(Text, "THS007");
        Assert.Equal("Xk29fQ7!pL3z", m.Value);
        Assert.Equal(Text.IndexOf("Xk29", StringComparison.Ordinal), m.Start);
        Assert.Equal("app_rw", m.Properties["user"]);
        Assert.Equal("db.internal", m.Properties["host"]);
    }

    [Theory]
    [InlineData("Authorization: Basic dXNlcm5hbWU6cGFzc3dvcmQ=")] // username:password
    [InlineData("Authorization: Basic bm90LWEtcGFpcg==")]         // no colon
    [InlineData("Authorization: Basic ////////////")]            // binary
    [InlineData("postgres://user:${DB_PASSWORD}@db:5432/app")]
    [InlineData("amqp://guest:guest@localhost:5672/")]
    [InlineData("https://user:secret123@example.com/")]
    [InlineData("see https://docs.aws.amazon.com/lambda/ for details")]
    [InlineData("mysql://root:root1234@127.0.0.1")] // test sequence
    public void Samples_and_placeholders_are_not_credentials(string text) => Scan.None(text, "THS007");
}

public sealed class ApiKeyHeaderTests
{
    [Fact]
    public void Finds_api_gateway_key_in_python_requests()
    {
        var key = FakeTokens.ApiGatewayKey(51);
        var text = $$"""
            import requests

            API_URL = "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod"
            resp = requests.get(f"{API_URL}/orders", headers={"x-api-key": "{{key}}"}, timeout=5)
            """;
        Assert.Equal(["THS008@4"], Scan.Lines(text));
        var m = Scan.Single(text, "THS008");
        Assert.Equal(key, m.Value);
        Assert.Contains("API Gateway key format", m.Message);
    }

    [Theory]
    [InlineData("x-api-key: ${API_KEY}")]
    [InlineData("'x-api-key': apiKey,")]
    [InlineData("x-api-key-id: AbCdEf0123456789AbCdEf0123")]
    [InlineData("x-api-key: 00000000000000000000000000000000")]
    public void Variables_and_other_headers_are_not_keys(string text) => Scan.None(text, "THS008");
}

public sealed class PrivateKeyTests
{
    [Fact]
    public void Span_covers_the_whole_block()
    {
        var pem = FakeTokens.PemPrivateKey("OPENSSH PRIVATE KEY", 400, 61);
        var text = "# deploy key\n" + pem + "\n# end\n";
        var m = Scan.Single(text, "THS009");
        Assert.Equal(text.IndexOf("-----BEGIN", StringComparison.Ordinal), m.Start);
        Assert.Equal(pem.Length, m.Length);
        Assert.Equal("OPENSSH PRIVATE KEY", m.Properties["type"]);
        Assert.Equal("true", m.Properties["encrypted"]); // body is not "openssh-key-v1 ... none"
        Assert.Equal(["THS009@2"], Scan.Lines(text));
    }

    [Fact]
    public void Encrypted_pkcs8_is_medium_and_plain_rsa_is_critical()
    {
        Assert.Equal(Severity.Medium, Scan.Single(FakeTokens.PemPrivateKey("ENCRYPTED PRIVATE KEY", 300, 62), "THS009").Severity);
        Assert.Equal(Severity.Critical, Scan.Single(FakeTokens.PemPrivateKey("RSA PRIVATE KEY", 300, 63), "THS009").Severity);
    }

    [Fact]
    public void Tokens_inside_a_key_body_are_not_reported_separately()
    {
        var pem = FakeTokens.PemPrivateKey("PRIVATE KEY", 300, 64).Replace("\nMIIE", "\nAKIAZ7FAKEKEY2345X7Q\nMIIE", StringComparison.Ordinal);
        Assert.Equal(["THS009"], Scan.Matches(pem).Select(m => m.Rule.Id));
    }

    [Fact]
    public void Mismatched_end_label_is_not_a_key() =>
        Scan.None(FakeTokens.PemPrivateKey("RSA PRIVATE KEY", 300, 65).Replace("END RSA", "END EC", StringComparison.Ordinal), "THS009");
}
