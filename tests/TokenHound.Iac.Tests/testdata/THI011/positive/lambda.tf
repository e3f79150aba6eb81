resource "aws_lambda_function" "worker" { # expect: THI011
  function_name = "orders-worker"
  role          = aws_iam_role.worker.arn
  handler       = "app.handler"
  runtime       = "python3.12"
}
