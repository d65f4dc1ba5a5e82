terraform {
  required_version = ">= 1.2"
  required_providers {
    oci = {
      source  = "oracle/oci"
      version = ">= 7.21.0" # detached_mode_timeout_in_seconds on functions (7.21.0); BODY schedules (7.4.0)
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.1.0" # the continuation key
    }
  }
}

provider "oci" {
  region = var.region
}
