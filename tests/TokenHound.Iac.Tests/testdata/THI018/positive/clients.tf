resource "aws_cognito_user_pool_client" "mobile" {
  name                   = "mobile"
  user_pool_id           = aws_cognito_user_pool.main.id
  refresh_token_validity = 3650 # expect: THI018
  id_token_validity      = 1440 # expect: THI018

  token_validity_units {
    id_token      = "minutes"
    access_token  = "minutes"
    refresh_token = "days"
  }
}
