package io.cmkguard.policy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An AWS KMS key ARN, {@code arn:<partition>:kms:<region>:<account>:key/<id>} (or alias/...). */
public record AwsKeyArn(String partition, String region, String account, String resource) {
    private static final Pattern ARN = Pattern.compile(
            "arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):kms:([a-z]{2}(?:-[a-z]+)+-\\d):(\\d{12}):((?:key|alias)/[A-Za-z0-9/_-]+)");
    private static final Pattern KMS_ENDPOINT = Pattern.compile("https://kms(?:-fips)?\\.([a-z]{2}(?:-[a-z]+)+-\\d)\\.amazonaws\\.com.*");

    public static Optional<AwsKeyArn> parse(String arn) {
        Matcher m = ARN.matcher(arn == null ? "" : arn.trim());
        return m.matches() ? Optional.of(new AwsKeyArn(m.group(1), m.group(2), m.group(3), m.group(4))) : Optional.empty();
    }

    /** The region of an AWS KMS endpoint like https://kms.us-east-1.amazonaws.com; empty if not such a URL. */
    public static Optional<String> regionOfEndpoint(String endpoint) {
        Matcher m = KMS_ENDPOINT.matcher(endpoint == null ? "" : endpoint.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
