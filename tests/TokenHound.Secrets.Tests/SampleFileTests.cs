using TokenHound.Secrets.Detectors;

namespace TokenHound.Secrets.Tests;

/// <summary>Exact findings (rule and line) on realistic multi-line files, near misses included.</summary>
public sealed class SampleFileTests
{
    [Fact]
    public void Dotenv_file()
    {
        var text = $$"""
            # Local settings for the orders service
            NODE_ENV=production
            PORT=3000
            AWS_REGION=us-east-1
            AWS_ACCESS_KEY_ID=AKIAZ7FAKEKEY2345X7Q
            AWS_SECRET_ACCESS_KEY={{FakeTokens.AwsSecretAccessKey(71)}}
            DATABASE_URL=postgres://orders:Vb7#qK2mXp9L@orders-db.internal:5432/orders
            REDIS_URL=redis://localhost:6379
            SESSION_SECRET=Qm8vX2kL9pT4rW7zN3bH
            JWT_SECRET=${JWT_SECRET}
            API_TOKEN=
            STRIPE_KEY=
            LOG_LEVEL=debug
            """;
        Assert.Equal(["THS002@6", "THS007@7", "THS010@9"], Scan.Lines(text));
    }

    [Fact]
    public void Python_settings_file()
    {
        var text = $$"""
            import os

            DEBUG = os.environ.get("DEBUG", "false") == "true"
            SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
            ALLOWED_HOSTS = ["orders.example.com"]

            DATABASES = {
                "default": {
                    "ENGINE": "django.db.backends.postgresql",
                    "NAME": "orders",
                    "USER": "orders_app",
                    "PASSWORD": "Tq9#vL2mXk7!Pz4w",
                    "HOST": "orders-db.cluster-c1abcdefghij.us-east-1.rds.amazonaws.com",
                }
            }

            AUTH_PASSWORD_VALIDATORS = [
                {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
            ]
            PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
            SENDGRID_API_KEY = "SG.{{FakeTokens.Opaque(22, 72)}}.{{FakeTokens.Opaque(43, 73)}}"
            """;
        Assert.Equal(["THS010@12", "THS010@21"], Scan.Lines(text));
    }

    [Fact]
    public void Json_config_minified_and_pretty()
    {
        var pretty = $$"""
            {
              "Logging": { "LogLevel": { "Default": "Information" } },
              "Aws": { "Region": "eu-central-1", "Profile": "default" },
              "Cognito": {
                "UserPoolId": "eu-central-1_FAKEp00l1",
                "ClientId": "4fakeclient7id2cognito9x",
                "ClientSecret": "1k9fq2lm7xv4rn9tz3wb6hs8jd0bc5gf2ny7ta4qu1ei6"
              },
              "Tokens": { "PageSize": 50, "NextToken": null, "TokenUrl": "https://auth.example.com/oauth2/token" },
              "ApiKey": "{{FakeTokens.ApiGatewayKey(74)}}"
            }
            """;
        Assert.Equal(["THS010@7", "THS010@10"], Scan.Lines(pretty));

        // The same file minified to one line (one finding each, all on line 1).
        var minified = string.Concat(pretty.Split('\n').Select(l => l.Trim()));
        Assert.Equal(["THS010@1", "THS010@1"], Scan.Lines(minified));
    }

    [Fact]
    public void Lambda_log_excerpt()
    {
        var idToken = FakeTokens.CognitoToken("id", JwtDetector.ExampleNow + 1800);
        var expired = FakeTokens.CognitoToken("access", JwtDetector.ExampleNow - 7200, seed: 3);
        var text = $$$"""
            START RequestId: 5e3c1a52-7b0d-4c11-9a6f-2f8e9d1b0c44 Version: $LATEST
            2026-01-01T00:00:00.101Z	5e3c1a52-7b0d-4c11-9a6f-2f8e9d1b0c44	INFO	event {"resource":"/orders","httpMethod":"GET","headers":{"Authorization":"Bearer {{{idToken}}}","Host":"api.example.com"},"requestContext":{"requestId":"c0ffee00-1111-2222-3333-444455556666"}}
            2026-01-01T00:00:00.155Z	5e3c1a52-7b0d-4c11-9a6f-2f8e9d1b0c44	INFO	env {"AWS_REGION":"us-east-1","AWS_ACCESS_KEY_ID":"ASIAY34FZKBOKMUTVV7A","AWS_SECRET_ACCESS_KEY":"{{{FakeTokens.AwsSecretAccessKey(75)}}}","AWS_SESSION_TOKEN":"{{{FakeTokens.AwsSessionToken(76)}}}","AWS_LAMBDA_FUNCTION_NAME":"orders-get"}
            2026-01-01T00:00:00.201Z	5e3c1a52-7b0d-4c11-9a6f-2f8e9d1b0c44	WARN	cached token expired: {{{expired}}}
            2026-01-01T00:00:00.230Z	5e3c1a52-7b0d-4c11-9a6f-2f8e9d1b0c44	INFO	Fetched 12 orders in 48 ms (nextToken=null, pageToken=c29tZS1jdXJzb3ItMTIz)
            END RequestId: 5e3c1a52-7b0d-4c11-9a6f-2f8e9d1b0c44
            REPORT RequestId: 5e3c1a52-7b0d-4c11-9a6f-2f8e9d1b0c44	Duration: 152.31 ms	Billed Duration: 153 ms	Memory Size: 512 MB	Max Memory Used: 88 MB	Init Duration: 301.12 ms
            """;
        Assert.Equal(["THS004@2", "THS002@3", "THS003@3", "THS004@4"], Scan.Lines(text));
        var ms = Scan.Matches(text);
        Assert.Equal(Core.Severity.Low, ms.Last().Severity);
        Assert.Equal("609629065308", ms.Single(m => m.Rule.Id == "THS002").Properties["accountId"]);
    }

    [Fact]
    public void Api_gateway_event_with_an_escaped_json_body()
    {
        var key = FakeTokens.ApiGatewayKey(79);
        var text = $$$"""
            2026-01-01T08:00:00.000Z	1a2b3c4d-0000-4000-8000-0123456789ab	INFO	{"resource":"/login","headers":{"x-api-key":"{{{key}}}"},"body":"{\"username\":\"jdoe\",\"password\":\"Hq7!xR2m#Kp9vL\"}","isBase64Encoded":false}
            2026-01-01T08:00:00.010Z	1a2b3c4d-0000-4000-8000-0123456789ab	INFO	{"body":"{\"password\":\"${PASSWORD}\",\"next\":1}"}
            """;
        Assert.Equal(["THS008@1", "THS010@1"], Scan.Lines(text));
        Assert.Equal("Hq7!xR2m#Kp9vL", Scan.Single(text, "THS010").Value);
        Assert.Equal(key, Scan.Single(text, "THS008").Value);
    }

    [Fact]
    public void Curl_commands()
    {
        var text = $"""
            # list orders
            curl -s "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/orders?limit=10" \
              -H "x-api-key: {FakeTokens.ApiGatewayKey(77)}" \
              -H "Authorization: Bearer {FakeTokens.Opaque(36, 78)}"

            # same with variables (fine)
            curl -s "$API_URL/orders" -H "x-api-key: $API_KEY" -H "Authorization: Bearer $TOKEN"
            curl -u "ci:$JENKINS_TOKEN" https://ci.internal/job/build
            curl --user "deployer:Wq8#zX2mLp9K" https://ci.internal/job/build
            curl -H "Authorization: Basic {FakeTokens.BasicCredentials("deployer", "Wq8#zX2mLp9K")}" https://ci.internal/job/build
            """;
        Assert.Equal(["THS008@3", "THS006@4", "THS007@10"], Scan.Lines(text));
    }
}

public sealed class EdgeCaseTests
{
    [Fact]
    public void Token_at_the_very_start_and_end_of_the_text()
    {
        var jwt = FakeTokens.Jwt("""{"alg":"HS256"}""", """{"sub":"svc"}""");
        var m = Scan.Single(jwt, "THS004");
        Assert.Equal(0, m.Start);
        Assert.Equal(jwt.Length, m.Length);

        Assert.Equal(["THS001@1"], Scan.Lines("AKIAZ7FAKEKEY2345X7Q"));
        var secret = FakeTokens.AwsSecretAccessKey(81);
        Assert.Equal(secret, Scan.Single("aws_secret_access_key=" + secret, "THS002").Value);
        Assert.Equal("Zk8#vQ2m!Lw9Tr4x", Scan.Single("DB_PASSWORD=Zk8#vQ2m!Lw9Tr4x", "THS010").Value);
        var pem = FakeTokens.PemPrivateKey("EC PRIVATE KEY", 200, 82);
        Assert.Equal(pem.Length, Scan.Single(pem, "THS009").Length);
    }

    [Fact]
    public void Crlf_line_ends()
    {
        var text = $"[default]\r\naws_access_key_id = AKIAZ7FAKEKEY2345X7Q\r\naws_secret_access_key = {FakeTokens.AwsSecretAccessKey(83)}\r\nDB_PASSWORD=Zk8#vQ2m!Lw9Tr4x\r\n";
        Assert.Equal(["THS002@3", "THS010@4"], Scan.Lines(text));
        Assert.Equal("Zk8#vQ2m!Lw9Tr4x", Scan.Matches(text)[1].Value);
    }

    [Fact]
    public void Results_are_appended_after_existing_entries()
    {
        var list = new List<SecretMatch>();
        TestEngine.Engine.Scan("AKIAZ7FAKEKEY2345X7Q".AsSpan(), list);
        TestEngine.Engine.Scan($"x AKIAZ7FAKEKEY2345X7Q y {FakeTokens.AwsSecretAccessKey(84)}".AsSpan(), list);
        Assert.Equal(["THS001", "THS002"], list.Select(m => m.Rule.Id));
        Assert.Equal(0, list[0].Start);
    }

    [Fact]
    public void Overlapping_matches_keep_the_specific_rule()
    {
        // A JWT assigned to a "token" key: the JWT rule wins over the generic rule; an API Gateway key in x-api-key over generic.
        var jwt = FakeTokens.Jwt("""{"alg":"HS256"}""", """{"sub":"svc"}""");
        Assert.Equal(["THS004"], Scan.Matches($"ID_TOKEN={jwt}").Select(m => m.Rule.Id));
        Assert.Equal(["THS008"], Scan.Matches($"\"x-api-key\": \"{FakeTokens.ApiGatewayKey(85)}\"").Select(m => m.Rule.Id));
    }

    [Fact]
    public void Non_ascii_and_binary_noise_do_not_throw()
    {
        var text = "pässwörd = \"Zk8#vQ2m!Lw9Tr4x\"\u0000\uFFFD eyJ\u00e9.eyJ. Bearer \u2028 -----BEGIN PRIVATE KEY-----\u0000 AKIA";
        var ex = Record.Exception(() => Scan.Matches(text));
        Assert.Null(ex);
    }
}
