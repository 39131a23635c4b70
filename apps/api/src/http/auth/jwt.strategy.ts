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
      secretOrKey: config.get('JWT_ACCESS_SECRET', { infer: true }),
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
