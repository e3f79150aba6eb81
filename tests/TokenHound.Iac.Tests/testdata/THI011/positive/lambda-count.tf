# Four identical shard consumers: reported once, not once per instance.
resource "aws_lambda_function" "shard_consumer" { # expect: THI011
  count         = 4
  function_name = "stream-shard-${count.index}"
  role          = aws_iam_role.consumer.arn
  handler       = "consumer.handler"
  runtime       = "python3.12"
  filename      = "build/consumer.zip"

  environment {
    variables = {
      SHARD_INDEX = count.index
    }
  }
}

resource "aws_lambda_function" "partition" {
  for_each      = toset(["eu", "us"])
  function_name = "partition-${each.key}"
  role          = aws_iam_role.consumer.arn
  handler       = "partition.handler"
  runtime       = "python3.12"
  filename      = "build/partition.zip"
}

resource "aws_cloudwatch_log_group" "partition" {
  for_each          = toset(["eu", "us"])
  name              = "/aws/lambda/partition-${each.key}"
  retention_in_days = 14
  kms_key_id        = aws_kms_key.logs.arn
}
