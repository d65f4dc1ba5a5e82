# Resource Manager fills tenancy_ocid, region and compartment_ocid itself; schema.yaml shows the rest as a form.

variable "tenancy_ocid" {
  type        = string
  description = "The tenancy: dynamic groups and the policy are created in its root compartment."
}

variable "region" {
  type        = string
  description = "The region to deploy to; deploy one stack per region (events, resources and keys are regional)."
}

variable "compartment_ocid" {
  type        = string
  description = "The compartment for the function, its topic, logs and schedule."
}

variable "guarded_compartment_ocid" {
  type        = string
  description = "The compartment to guard (its children included): the Events rules and the daily sweep cover it."
}

variable "subnet_ocid" {
  type        = string
  description = "The subnet the Functions application runs in (it needs a route to the OCI APIs, e.g. a service gateway)."
}

variable "function_image" {
  type        = string
  description = "The function image in OCIR, as pushed by 'fn deploy' or 'docker push', e.g. iad.ocir.io/<namespace>/cmk-guard:0.1.0."
}

variable "mode" {
  type        = string
  default     = "notify"
  description = "audit (log only), notify (publish findings) or remediate (assign the key in place, then notify)."
  validation {
    condition     = contains(["audit", "notify", "remediate"], var.mode)
    error_message = "The mode must be audit, notify or remediate."
  }
}

variable "remediation_key_ocid" {
  type        = string
  default     = ""
  description = "The Vault key remediation assigns (CMK_GUARD_KMS_KEY_ID); required in remediate mode."
}

variable "vault_compartment_ocid" {
  type        = string
  default     = ""
  description = "The compartment of the remediation key's vault: the key grants are scoped to it; required in remediate mode."
}

variable "notification_emails" {
  type        = list(string)
  default     = []
  description = "Email addresses subscribed to the findings topic (each must confirm the subscription email)."
}

variable "slack_webhook_url" {
  type        = string
  default     = ""
  sensitive   = true
  description = "A Slack incoming-webhook URL subscribed to the findings topic; empty for none."
}

variable "sweep_schedule" {
  type        = string
  default     = "0 5 * * *"
  description = "When the Resource Scheduler invokes the daily sweep of the guarded compartment (cron, UTC)."
}

variable "posture_metrics" {
  type        = bool
  default     = true
  description = "Post posture metrics to OCI Monitoring (namespace cmk_guard, in compartment_ocid) and alarm on the findings topic when resources are not on a customer-managed key or no sweep completed for 25 hours."
}

variable "self_continue" {
  type        = bool
  default     = true
  description = "A scheduled sweep larger than one invocation goes on by itself: cut by its deadline, the function invokes itself detached (up to an hour a link) with the sweep's continuation; false sets CMK_GUARD_SWEEP_SELF_CONTINUE=false and grants nothing on the function."
}

variable "keep_reports" {
  type        = bool
  default     = true
  description = "Keep every sweep's report (JSON, CSV of every resource judged, HTML page) in a bucket created on a customer-managed key with a retention rule (CMK_GUARD_REPORT_BUCKET), and publish one digest per sweep; needs report_key_ocid or remediation_key_ocid."
}

variable "report_bucket_name" {
  type        = string
  default     = "cmk-guard-reports"
  description = "The report bucket's name, in compartment_ocid (unique in the tenancy's Object Storage namespace)."
  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,256}$", var.report_bucket_name))
    error_message = "A bucket name has 1 to 256 letters, digits, '-', '_' and '.'."
  }
}

variable "report_key_ocid" {
  type        = string
  default     = ""
  description = "The Vault key the report bucket is encrypted with; empty: remediation_key_ocid. Object Storage is granted the use of this key alone."
}

variable "report_retention_days" {
  type        = number
  default     = 400
  description = "How many days a kept report can be neither changed nor deleted (the bucket's retention rule, unlocked); 400 covers a yearly audit."
  validation {
    condition     = var.report_retention_days >= 1 && floor(var.report_retention_days) == var.report_retention_days
    error_message = "report_retention_days must be a whole number of days, at least 1."
  }
}
