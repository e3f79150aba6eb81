resource "aws_sfn_state_machine" "approvals" {
  name     = "approvals"
  role_arn = aws_iam_role.sfn.arn

  definition = templatefile("${path.module}/approvals.asl.json", {
    queue_url = aws_sqs_queue.approvals.url
  })
}
