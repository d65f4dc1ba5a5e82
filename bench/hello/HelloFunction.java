package bench.hello;

/** The FDK hello-world the cold-start ratio is measured against (bench/run.sh compiles it). */
public class HelloFunction {
    public String handleRequest(String input) {
        return "Hello, " + (input == null || input.isEmpty() ? "world" : input) + "!";
    }
}
