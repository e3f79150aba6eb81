resource "aws_cognito_user_pool_client" "web" {
  name                    = "web"
  user_pool_id            = aws_cognito_user_pool.main.id
  enable_token_revocation = true
}
