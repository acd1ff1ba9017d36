package dev.fields.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code fields} command. */
@Command(name = "fields", mixinStandardHelpOptions = true, version = "fields 0.1.0",
        description = "Train neural fields on the CPU and render them with OpenGL.")
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override public void run() {
        new CommandLine(this).usage(System.out);
    }
}
