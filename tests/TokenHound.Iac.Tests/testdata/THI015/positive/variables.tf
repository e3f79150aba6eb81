variable "github_token" { # expect: THI015
  type        = string
  description = "Token for the GitHub provider"
}

variable "db_password" {
  type      = string
  sensitive = false # expect: THI015
}
