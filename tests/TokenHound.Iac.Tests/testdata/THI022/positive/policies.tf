data "aws_iam_policy_document" "reader" {
  statement {
    sid = "ReadAllParameters"
    actions = [
      "ssm:GetParametersByPath", # expect: THI022
      "ssm:DescribeParameters",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "reader" {
  name   = "reader"
  policy = data.aws_iam_policy_document.reader.json
}

resource "aws_iam_role_policy" "decrypt" {
  name = "decrypt"
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["kms:Decrypt"] # expect: THI022
      Resource = "*"
    }]
  })
}

resource "aws_iam_role_policy" "legacy" {
  name   = "legacy"
  role   = aws_iam_role.app.id
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "secretsmanager:GetSecretValue",
      "Resource": "*"
    }
  ]
}
EOF
}
