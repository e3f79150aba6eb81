resource "aws_cognito_user_pool_client" "legacy" {
  name                    = "legacy"
  user_pool_id            = aws_cognito_user_pool.main.id
  enable_token_revocation = false # expect: THI019
}
