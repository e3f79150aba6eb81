resource "aws_cognito_user_pool_client" "cli" {
  name         = "cli"
  user_pool_id = aws_cognito_user_pool.main.id
  explicit_auth_flows = [
    "ALLOW_USER_PASSWORD_AUTH", # expect: THI020
    "ALLOW_REFRESH_TOKEN_AUTH",
  ]
}
