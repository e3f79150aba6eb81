variable "db_password" {
  type      = string
  sensitive = true
}

variable "api_token_ttl" {
  type    = number
  default = 3600
}

resource "aws_lambda_function" "notify" {
  function_name = "notify"
  role          = aws_iam_role.notify.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"

  environment {
    variables = {
      DB_PASSWORD   = var.db_password
      SECRET_ARN    = aws_secretsmanager_secret.slack.arn
      TOKEN_PREFIX  = "Bearer"
    }
  }
}
