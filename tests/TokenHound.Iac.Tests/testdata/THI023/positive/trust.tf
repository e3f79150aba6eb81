data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"] # expect: THI023
    }
  }
}

resource "aws_iam_role" "vendor" {
  name               = "vendor-access"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role" "open" {
  name = "open"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" } # expect: THI023
    }]
  })
}
