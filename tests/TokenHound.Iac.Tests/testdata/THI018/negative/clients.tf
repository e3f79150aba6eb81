resource "aws_cognito_user_pool_client" "web" {
  name                   = "web"
  user_pool_id           = aws_cognito_user_pool.main.id
  access_token_validity  = 15
  id_token_validity      = 15
  refresh_token_validity = 7

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }
}
