package io.cubeintegration.cli;

import java.io.PrintStream;

import io.cubeintegration.cube.SecretMask;

/**
 * Standard output and error with the process's secrets masked ({@link SecretMask}): what the command line prints
 * (errors, summaries, a driver's message passed on) cannot show one either.
 */
final class MaskedPrintStream extends PrintStream {

    MaskedPrintStream(PrintStream out) {
        super(out, true);
    }

    @Override
    public void print(String text) {
        super.print(SecretMask.mask(text));
    }

    @Override
    public void println(String text) {
        super.println(SecretMask.mask(text));
    }

    @Override
    public void print(Object value) {
        print(String.valueOf(value));
    }

    @Override
    public void println(Object value) {
        println(String.valueOf(value));
    }
}
