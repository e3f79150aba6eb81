resource "aws_lambda_function" "read" {
  function_name = "read"
  role          = aws_iam_role.app.arn # expect: THI021
  handler       = "read.handler"
  runtime       = "python3.12"
}

resource "aws_lambda_function" "write" {
  function_name = "write"
  role          = aws_iam_role.app.arn # expect: THI021
  handler       = "write.handler"
  runtime       = "python3.12"
}
