locals {
  handlers = {
    read  = "read.handler"
    write = "write.handler"
  }
}

resource "aws_lambda_function" "fn" {
  for_each      = local.handlers
  function_name = each.key
  role          = aws_iam_role.fn[each.key].arn
  handler       = each.value
  runtime       = "python3.12"
}

resource "aws_lambda_function" "other" {
  function_name = "other"
  role          = aws_iam_role.other.arn
  handler       = "other.handler"
  runtime       = "python3.12"
}
