import { ValidationPipe } from '@nestjs/common';
import { RequestValidationException } from './request-validation.exception';

/** Strips nothing silently: unknown fields are refused, and values are converted to the DTO's types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => RequestValidationException.fromValidationErrors(errors),
  });
}
