resource "aws_lambda_function_url" "webhook" {
  function_name      = aws_lambda_function.webhook.function_name
  authorization_type = "NONE" # expect: THI005

  cors {
    allow_origins = ["*"]
    allow_methods = ["POST"]
  }
}
