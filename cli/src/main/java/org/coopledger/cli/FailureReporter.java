package org.coopledger.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import org.coopledger.api.client.NodeRejectedException;
import org.coopledger.api.client.NodeUnavailableException;
import org.coopledger.contracts.chain.ChainException;
import org.coopledger.governance.error.CoopException;
import org.coopledger.governance.error.VerificationException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where a failure becomes a message on stderr and an {@link ExitCode}. Messages are
 * for people: one line saying what went wrong and, where we know it, what to do. Set {@code
 * COOP_DEBUG=1} for stack traces.
 */
final class FailureReporter implements IExecutionExceptionHandler {
  private final CliContext context;

  FailureReporter(CliContext context) {
    this.context = context;
  }

  @Override
  public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
    Throwable cause = failure instanceof UncheckedIOException io ? io.getCause() : failure;
    context.err().println("coop: " + describe(cause));
    if (context.env("COOP_DEBUG").isPresent()) {
      failure.printStackTrace(context.err());
    }
    context.err().flush();
    return exitCode(cause);
  }

  static int exitCode(Throwable failure) {
    if (failure instanceof NodeRejectedException) {
      return ExitCode.REJECTED;
    }
    if (failure instanceof NodeUnavailableException) {
      return ExitCode.UNREACHABLE;
    }
    if (failure instanceof ChainException chain && chain.retryable()) {
      return ExitCode.UNREACHABLE;
    }
    if (failure instanceof VerificationException) {
      return ExitCode.VERIFICATION_FAILED;
    }
    return ExitCode.FAILED;
  }

  static String describe(Throwable failure) {
    return switch (failure) {
      case VerificationException v -> "VERIFICATION FAILED [" + v.code() + "]: " + v.getMessage();
      case CoopException c -> c.getMessage();
      case NoSuchFileException e -> "no such file: " + e.getFile();
      case FileAlreadyExistsException e -> "file exists, not overwriting it: " + e.getFile();
      case AccessDeniedException e -> "permission denied: " + e.getFile();
      case IOException e -> "I/O error: " + e.getMessage();
      case IllegalArgumentException e -> e.getMessage();
      default -> failure.toString();
    };
  }
}
