import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Environment } from '@mutualis/core';
import { AccessTokenClaims, ResolveActorUseCase } from '@mutualis/identity';
import { AuthenticatedActor } from './current-actor.decorator';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: ConfigService<Environment, true>,
    private readonly resolveActor: ResolveActorUseCase,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: given a string, jsonwebtoken first tries it as a public key
      // and builds a throw-away exception on every request (1.5 ms of CPU per verify here,
      // against 40 µs; see bench/README.md, booking-contention). passport-jwt's types only name
      // string | Buffer, but it hands the key to jsonwebtoken as is.
      secretOrKey: createSecretKey(
        Buffer.from(config.get('JWT_ACCESS_SECRET', { infer: true })),
      ) as unknown as string,
      algorithms: ['HS256'],
      issuer: 'mutualis',
      audience: 'mutualis-api',
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessTokenClaims): Promise<AuthenticatedActor> {
    return this.resolveActor.execute(claims.sub, claims.sid);
  }
}
