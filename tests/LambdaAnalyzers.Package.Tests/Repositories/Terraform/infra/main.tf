terraform {
  required_providers {
    aws     = { source = "hashicorp/aws", version = "~> 5.0" }
    archive = { source = "hashicorp/archive" }
  }
}

# Orders: zipped from its publish folder.
data "archive_file" "orders" {
  type        = "zip"
  source_dir  = "${path.module}/../src/Orders/bin/Release/net10.0/publish"
  output_path = "${path.module}/build/orders.zip"
}

resource "aws_lambda_function" "orders" {
  function_name    = "${var.prefix}-orders"
  filename         = data.archive_file.orders.output_path
  source_code_hash = data.archive_file.orders.output_base64sha256
  handler          = "Orders::Orders.Function::Handel"
  runtime          = "dotnet10"
  role             = aws_iam_role.lambda.arn

  environment {
    variables = {
      TABLE      = "orders"
      AWS_REGION = "eu-west-1"
    }
  }
}

# Billing: the package comes from CI; only its handler string tells whose code it is.
resource "aws_lambda_function" "billing" {
  function_name = "${var.prefix}-billing"
  filename      = var.billing_package
  handler       = "Billing::Billing.Function::Charge"
  runtime       = "dotnet10"
  memory_size   = 20000
  role          = aws_iam_role.lambda.arn
}

resource "aws_iam_role" "lambda" {
  name = "${var.prefix}-lambda"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Action = "sts:AssumeRole", Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}
