package dev.fields.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code fields} command line in-process and captures its output and exit code. */
record CliRunner(int code, String out, String err) {
    static CliRunner run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        java.io.PrintStream oldOut = System.out;
        java.io.ByteArrayOutputStream sysOut = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(sysOut, true));
        int code;
        try {
            code = cl.execute(args);
        } finally {
            System.setOut(oldOut);
        }
        return new CliRunner(code, out + sysOut.toString(), err.toString());
    }
}
