variable "db_password" {
  type      = string
  sensitive = true
  default   = "Sup3rS3cretPassw0rd" # expect: THI014
}

resource "aws_lambda_function" "notify" {
  function_name = "notify"
  role          = aws_iam_role.notify.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"

  environment {
    variables = {
      SLACK_SIGNING_SECRET = "8f2b6c41d9e07a35b1c4f6e2a9d0c7b3" # expect: THI014
      CHANNEL              = "alerts"
    }
  }
}
