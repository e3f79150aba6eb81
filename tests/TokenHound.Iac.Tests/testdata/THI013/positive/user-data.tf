resource "aws_instance" "bastion" {
  ami           = data.aws_ami.al2023.id
  instance_type = "t3.micro"

  user_data = <<-EOT
    #!/bin/bash
    export AWS_ACCESS_KEY_ID=AKIAZ7FAKEKEY2345X7Q # expect: THI013
    aws s3 sync s3://${var.bucket} /srv/data
  EOT
}
