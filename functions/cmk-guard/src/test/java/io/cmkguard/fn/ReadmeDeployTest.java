package io.cmkguard.fn;

import io.cmkguard.config.Mode;
import io.cmkguard.iam.Compartment;
import io.cmkguard.iam.PolicyGenerator;
import io.cmkguard.iam.PolicyRequest;
import io.cmkguard.resource.type.ResourceTypes;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deploy guide (docs/deploy.md) shows what the code generates, and its example tfvars covers the stack. */
class ReadmeDeployTest {

    @Test
    void theReadmePolicyBlockIsWhatThePoliciesCommandGenerates() {
        String readme = RepoFiles.read(RepoFiles.root().resolve("docs/deploy.md"));
        Matcher block = Pattern.compile("<!-- policies:begin -->\n```\n(.*?)```\n<!-- policies:end -->", Pattern.DOTALL)
                .matcher(readme);
        assertTrue(block.find(), "docs/deploy.md lacks the policies block");
        String generated = PolicyGenerator.generate(new PolicyRequest("<compartment OCID>",
                "<function compartment OCID>", Mode.REMEDIATE, ResourceTypes.ALL,
                Optional.of(Compartment.of("<vault compartment>")), Optional.of("<key OCID>"),
                Optional.of(Compartment.of("<topic compartment>")))).render();
        assertEquals(generated, block.group(1));
    }

    @Test
    void theExampleTfvarsSetsEveryVariableWithoutADefault() {
        String variables = RepoFiles.read(RepoFiles.root().resolve("deploy/terraform/variables.tf"));
        String example = RepoFiles.read(RepoFiles.root().resolve("deploy/terraform/terraform.tfvars.example"));
        Matcher variable = Pattern.compile("variable \"([a-z_]+)\" \\{(.*?)\n}", Pattern.DOTALL).matcher(variables);
        int count = 0;
        while (variable.find()) {
            count++;
            if (!variable.group(2).contains("default")) {
                assertTrue(example.contains("\n" + variable.group(1) + " "), "the example lacks " + variable.group(1));
            }
        }
        assertTrue(count > 5, "no variables found");
    }
}
