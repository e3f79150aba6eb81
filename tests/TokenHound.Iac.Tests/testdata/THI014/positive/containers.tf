resource "aws_ecs_task_definition" "notifier" {
  family                   = "notifier"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  execution_role_arn       = aws_iam_role.exec.arn

  container_definitions = jsonencode([
    {
      name      = "app"
      image     = "${aws_ecr_repository.notifier.repository_url}:latest"
      essential = true
      environment = [
        { name = "LOG_FORMAT", value = "json" },
        { name = "WEBHOOK_TOKEN", value = "wh_5Rt9Kq2Xv7Lm3Bn8Zc4Pd1Hy6" }, # expect: THI014
      ]
      secrets = [
        { name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn },
      ]
    }
  ])
}
