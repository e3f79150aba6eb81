namespace TokenHound.Secrets.Tests;

public sealed class GenericSecretTests
{
    [Theory]
    [InlineData("DB_PASSWORD=Zk8#vQ2m!Lw9Tr4x", "Zk8#vQ2m!Lw9Tr4x")]
    [InlineData("export GITHUB_TOKEN=q7Lm2Vn9Kt4Rp8ZwX3Hs6Jd1Bc5Gf0Ny", "q7Lm2Vn9Kt4Rp8ZwX3Hs6Jd1Bc5Gf0Ny")]
    [InlineData("  client_secret: \"9fQ2xL7mK4pR8vT1wZ6nB3cH5jD0sG2a\"", "9fQ2xL7mK4pR8vT1wZ6nB3cH5jD0sG2a")]
    [InlineData("private const string ApiKey = \"a3F9kL2mQ8xZ7vB4nW6pR1tY5uC0eH8j\";", "a3F9kL2mQ8xZ7vB4nW6pR1tY5uC0eH8j")]
    [InlineData("$config['smtp_password'] = 'Hq7!xR2m#Kp9';", "Hq7!xR2m#Kp9")]
    [InlineData("'secret_key' => 'f8Kq2Lm7Xv4Rn9Tz3Wb6',", "f8Kq2Lm7Xv4Rn9Tz3Wb6")]
    [InlineData("apiKey: 'Zq81kLm2Xv7Rn4Tz9Wb3Hs6',", "Zq81kLm2Xv7Rn4Tz9Wb3Hs6")]
    [InlineData("Server=db;Database=app;Uid=app;Pwd=Rt7#kQ2z!Xm9;", "Rt7#kQ2z!Xm9")]
    [InlineData("mail.password = b'Lk8#fQ2zXm9!'", "Lk8#fQ2zXm9!")]
    public void Finds_assignments(string text, string value)
    {
        var m = Scan.Single(text, "THS010");
        Assert.Equal(value, m.Value);
        Assert.Equal(text.IndexOf(value, StringComparison.Ordinal), m.Start);
    }

    [Theory]
    [InlineData("password = \"Password1\"")]                            // contains a stop word
    [InlineData("PASSWORD=changeme123")]
    [InlineData("password: \"Enter your password\"")]
    [InlineData("\"passwordPlaceholder\": \"Enter password\"")]
    [InlineData("token = response.json()[\"access_token\"]")]
    [InlineData("secret = os.environ.get('APP_SECRET', 'dev2')")]
    [InlineData("api_key = settings.API_KEY")]
    [InlineData("apiKey: process.env.STRIPE_KEY2,")]
    [InlineData("const token = localStorage.getItem('token');")]
    [InlineData("password: ${{ secrets.DB_PASSWORD }}")]
    [InlineData("MasterUserPassword: !Sub '{{resolve:secretsmanager:${DbSecret}:SecretString:password}}'")]
    [InlineData("token_type = \"Bearer\"")]
    [InlineData("password_reset_url = \"https://example.com/reset/v2\"")]
    [InlineData("next_token = \"AQICAHh2b3J4x9Kq2Lm7Xv4Rn9\"")]
    [InlineData("csrfToken: 'Zq81kLm2Xv7Rn4Tz9Wb3Hs6'")]
    [InlineData("\"ClientToken\": \"Zq81kLm2Xv7Rn4Tz9Wb3Hs6\"")]
    [InlineData("secret = \"/run/secrets/db_password_v2\"")]
    [InlineData("api_key = \"keys/prod-api-key-2.json\"")]
    [InlineData("token := os.Getenv(\"TOKEN2\")")]
    [InlineData("secret: AWSCURRENT")]
    [InlineData("SECRET=SOME_ENV_NAME_2")]
    [InlineData("token: \"t.keyword.$1\"")]
    [InlineData("password = \"12345678\"")]                           // no letters
    [InlineData("password = \"abcdefgh\"")]                           // no digits
    [InlineData("password = \"aaaaaa11\"")]                           // low entropy
    [InlineData("token = \"550e8400-e29b-41d4-a716-446655440000\"")] // request/idempotency tokens
    [InlineData("password = \"1.2.3-beta\"")]
    [InlineData("password: 'bm90IG15IHJlYWwgcGFzc3dvcmQ='")]          // base64 of "not my real password"
    [InlineData("password == \"Zk8#vQ2m!Lw9Tr4x\"")]
    [InlineData("assert password != \"Zk8#vQ2m!Lw9Tr4x\"")]
    [InlineData("secret = \"Zk8#vQ2m\" + suffix")]
    [InlineData("some text: the token: Zk8vQ2mLw9Tr4x is shown")]    // prose, not line-start
    public void Ignores_non_secrets(string text) => Scan.None(text, "THS010");

    [Fact]
    public void Random_base64_without_keywords_is_quiet()
    {
        var rng = new Random(99);
        var bytes = new byte[768 * 1024];
        rng.NextBytes(bytes);
        var text = Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks); // ~1 MB, 76-char lines
        Assert.True(text.Length > 1_000_000);
        Assert.Empty(Scan.Matches(text));
    }
}
