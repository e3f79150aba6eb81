resource "aws_lambda_function_url" "internal" {
  function_name      = aws_lambda_function.internal.function_name
  authorization_type = "AWS_IAM"
}

resource "aws_lambda_function_url" "configurable" {
  function_name      = aws_lambda_function.internal.function_name
  authorization_type = var.public ? "NONE" : "AWS_IAM"
}
