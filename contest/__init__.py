"""CCHC online contest platform: the application factory."""
from flask import Flask

from contest.caching import install_cache_hooks
from contest.config import Config
from contest.extensions import cache, csrf, db, limiter, login_manager, mail, migrate
from contest.replica import init_replica
from contest.security import require_settings
from contest.transactions import UnitOfWorkApp


def create_app(config=None, *, for_cli: bool = False) -> Flask:
    """The app, configured from ``config`` (default: ``Config``, from the environment).

    Built for serving it refuses to start without ``SECRET_KEY`` or ``PUBLIC_URL``.
    ``for_cli=True`` (``wsgi.py`` passes it when Flask's command line loads the app)
    lets the commands run without them; that app then refuses every request
    (``security.require_settings``). The schema is never created or upgraded
    here: ``flask --app wsgi db upgrade`` is a deployment step.
    """
    app = UnitOfWorkApp(__name__, template_folder="../templates", static_folder="../static",
                instance_relative_config=True)
    app.config.from_object(config or Config)
    require_settings(app, for_cli)
    _init_extensions(app)
    from contest import request_guard
    request_guard.register(app)  # the bounded <int:…> converter, before the blueprints
    _register_blueprints(app)
    _connect_domain_events()
    from contest import assets, cli, database, errorhandlers
    from contest.monitoring.services import install as install_error_logger
    from contest.site.hooks import register_hooks
    from contest.site.template_helpers import register_template_helpers
    register_hooks(app)
    install_error_logger(app)  # errors the app logs go to the monitoring table
    from contest.monitoring.metrics import install as install_metrics
    install_metrics(app)  # request timings and pool use for /metrics (monitoring/exporter.py)
    database.configure_engine_events(app)
    errorhandlers.register(app)
    register_template_helpers(app)
    assets.register(app)
    cli.register(app)
    _trust_proxies(app)
    return app


def _connect_domain_events() -> None:
    """A domain tells the layers above it through a signal they connect to here
    (connecting twice is harmless: a receiver is kept once)."""
    from contest.quiz.services.events import attempt_scored
    from contest.rankings.services.tally import record_submission
    attempt_scored.connect(record_submission, weak=False)


def _trust_proxies(app: Flask) -> None:
    """Behind ``PROXY_COUNT`` reverse proxies, the client's address and scheme come
    from their X-Forwarded-For / X-Forwarded-Proto (outermost wrapper of the app)."""
    hops = app.config.get("PROXY_COUNT", 0)
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    init_replica(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"))
    csrf.init_app(app)
    cache.init_app(app)
    install_cache_hooks()  # the result caches are cleared after a marked commit
    limiter.init_app(app)
    mail.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = "Vui lòng đăng nhập để tiếp tục."
    login_manager.login_message_category = "warning"
    login_manager.unauthorized_handler(_unauthorized)

    from flask import request

    from contest.accounts.services.sessions import (
        LIGHT_ENDPOINTS, SessionCookies, account_for_session,
    )

    app.session_interface = SessionCookies()

    @login_manager.user_loader
    def load_user(user_id: str):
        """The account, while the session's version is its current one; the answer
        save reads who and whether locked only."""
        return account_for_session(user_id, light=request.endpoint in LIGHT_ENDPOINTS)


def _unauthorized():
    from flask import flash, jsonify, redirect, request, url_for

    if request.path.startswith("/api/"):
        return jsonify(error="Phiên đăng nhập đã hết. Vui lòng đăng nhập lại."), 401
    flash(login_manager.login_message, login_manager.login_message_category)
    return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))


def _register_blueprints(app: Flask) -> None:
    from contest.accounts.routes.accounts import bp as accounts
    from contest.accounts.routes.reset import bp as password_reset
    from contest.admin.routes.accounts import bp as account_admin
    from contest.admin.routes.audit import bp as audit
    from contest.admin.routes.contests import bp as contest_admin
    from contest.admin.routes.units import bp as unit_admin
    from contest.bank.routes import bp as bank
    from contest.certificates.routes import bp as certificates
    from contest.contests.routes import bp as contests
    from contest.health.routes import bp as health
    from contest.monitoring.exporter import bp as metrics
    from contest.monitoring.routes import bp as monitoring
    from contest.practice.routes import bp as practice
    from contest.prizes.routes import bp as prizes
    from contest.profile.routes import bp as profile
    from contest.quiz.routes import bp as quiz
    from contest.rankings.routes.public import bp as rankings
    from contest.rankings.routes.units import bp as unit_results
    from contest.reports.routes import bp as reports
    from contest.site.routes.mine import bp as my_results
    from contest.site.routes.public import bp as site
    from contest.units.routes import bp as units

    for blueprint in (accounts, account_admin, audit, bank, contests, contest_admin,
                      health, metrics, monitoring, prizes, quiz, rankings, reports, unit_results,
                      units, unit_admin, password_reset, profile, site, my_results):
        app.register_blueprint(blueprint)
    app.register_blueprint(practice)
    app.register_blueprint(certificates)
    from contest.privacy.routes import bp as privacy
    app.register_blueprint(privacy)
