# Latchkey – Español

## Screens
heading-sign-in = Iniciar sesión
heading-session-ended = Su sesión ha terminado: inicie sesión de nuevo
heading-forgot = He olvidado mi contraseña
heading-terms = Condiciones del servicio
heading-signed-in = Sesión iniciada
heading-offline = Trabajando sin conexión hasta { $until }
label-email = Correo electrónico
label-password = Contraseña
label-show-password = Mostrar contraseña
button-sign-in = Iniciar sesión
link-forgot = ¿Ha olvidado su contraseña?
forgot-intro = Introduzca su dirección de correo. Si está registrada, le enviaremos un código.
button-send-code = Enviar código
link-back = Volver a iniciar sesión
code-sent = Si la dirección está registrada, le hemos enviado un código.
label-code = Código del correo
label-new-password = Nueva contraseña
policy-hint = Al menos { $min } caracteres. Las frases de contraseña largas son más seguras; se admite cualquier carácter.
button-set-password = Establecer contraseña
link-resend = Enviar el código de nuevo
terms-read-to-end = Lea hasta el final para aceptar.
button-accept = Aceptar
button-decline = Rechazar
terms-declined = No puede usar Latchkey sin aceptar las condiciones del servicio. Se ha cerrado su sesión.
org = Organización: { $name }
no-org = Sin organización
heading-roles = Funciones
heading-entitlements = Derechos de uso
heading-register = Registrarse
link-register = Registrarse
register-intro = Regístrese con su correo de trabajo. Le enviaremos un código para establecer su contraseña.
label-first-name = Nombre
label-last-name = Apellidos
label-country = País
button-register = Registrarse
country-choose = Elija su país
button-sign-out = Cerrar sesión

## Settings and about
nav-settings = Ajustes
nav-about = Acerca de
heading-settings = Ajustes
heading-about = Acerca de Latchkey
setting-ServerUrl = Servidor
setting-AutoStart = Iniciar al entrar en la sesión
setting-AllowSignOut = Se permite cerrar sesión
setting-Proxy = Proxy
setting-ExtraCaFile = Autoridades de certificación adicionales
setting-Language = Idioma
setting-Updates = Actualizaciones
setting-ConsentMode = Consentimiento de programas
setting-AllowedApps = Programas permitidos
set-by-organization = establecido por su organización
value-unset = sin establecer
value-yes = sí
value-no = no
about-version = Versión { $version }
about-server = Servidor: { $server }
button-export-diagnostics = Exportar diagnóstico
diagnostics-saved = Diagnóstico guardado en { $path }. No contiene contraseñas, códigos ni tokens.
link-back-generic = Volver
link-trust-center = Centro de confianza

## Error details
not-accepted-because = No se acepta porque { $reasons }.
reason-too_short = es demasiado corta
reason-too_long = es demasiado larga
reason-common = es una contraseña muy común
reason-contains_email = contiene su dirección de correo
reasons-and = { $first } y { $second }
tries-left = Quedan { $count } intentos.
retry-in = Vuelva a intentarlo dentro de { $seconds } segundos.
error-unknown = Algo ha fallado ({ $code }).

## Error codes of the backend and the local API
error-invalid_request = La solicitud no es válida.
error-invalid_email = Introduzca una dirección de correo válida.
error-payload_too_large = Son demasiados datos para enviar.
error-too_many_rows = El archivo tiene demasiadas filas.
error-rate_limited = Demasiadas solicitudes. Espere un momento y vuelva a intentarlo.
error-proof_required = Demasiadas solicitudes desde esta dirección o red. Vuelva a intentarlo.
error-proof_invalid = La comprobación de que no es un bot ha fallado o ha caducado. Vuelva a intentarlo.
error-invalid_code = Ese código no es correcto.
error-code_expired = Ese código ha caducado. Solicite uno nuevo.
error-weak_password = Elija una contraseña más segura.
error-invalid_credentials = Correo o contraseña incorrectos.
error-account_locked = Demasiados intentos fallidos. Vuelva a intentarlo más tarde.
error-no_tos = Aún no se han publicado condiciones del servicio.
error-invalid_ticket = La solicitud de aceptación ha caducado. Inicie sesión de nuevo.
error-tos_version_mismatch = Las condiciones del servicio han cambiado. Lea la nueva versión.
error-invalid_grant = Su sesión ha terminado. Inicie sesión de nuevo.
error-unsupported_audience = El servidor no emite tokens para esa aplicación.
error-unauthorized = No ha iniciado sesión.
error-forbidden = No tiene permiso para hacer eso.
error-not_found = No encontrado.
error-already_member = Esta persona ya es miembro.
error-member_of_other_org = Esta persona pertenece a otra organización.
error-invalid_csv = El archivo no es un CSV válido.
error-unknown_role = Esa función no existe.
error-role_not_grantable = No puede conceder esa función.
error-last_administrator = La organización debe conservar un administrador.
error-domain_not_verified = Ese dominio no está verificado.
error-public_domain = Los proveedores de correo públicos no pueden ser el dominio de una organización.
error-domain_taken = Ese dominio pertenece a otra organización.
error-download_not_permitted = Para descargarlo necesita el rol Entrega de productos – Descarga y el permiso de su organización. Pregunte a su administrador.
error-internal = Algo ha fallado en el servidor.
error-not_signed_in = No ha iniciado sesión.
error-tos_required = Acepte primero las condiciones del servicio.
error-backend_unreachable = No se puede conectar con el servidor de Latchkey. Compruebe su conexión.
error-timeout = Se agotó el tiempo de espera.
error-no_interactive_session = No hay ninguna ventana para iniciar sesión.
error-not_pending = La solicitud de aceptación ha caducado. Inicie sesión de nuevo.
error-sign_out_disabled = Su organización no permite cerrar la sesión.
error-forbidden_peer = Se rechazó el programa de otro usuario.
error-forbidden_origin = Se rechazan las solicitudes de páginas web.
error-backend_refused = El servidor de Latchkey rechazó la solicitud.
error-no_server = No hay ningún servidor de Latchkey configurado.
error-method_not_allowed = Esta acción no está disponible aquí.
error-shutting_down = Latchkey se está reiniciando. Vuelva a intentarlo en un momento.
error-no_release = No se ofrece nada de este producto para este equipo.
error-integrity_failed = La descarga no coincide con su descripción firmada, así que no se instaló. Inténtelo de nuevo; si se repite, avise a su administrador.
error-install_failed = La instalación falló. No quedó nada a medio instalar.
error-app_not_allowed = Este programa no puede usar su inicio de sesión de Latchkey. Permítalo en Latchkey o pregunte a su administrador.

## Tray menu and tooltips
tray-not-signed-in = Sesión no iniciada
tray-open = Abrir Latchkey
tray-sign-in = Iniciar sesión
tray-sign-out = Cerrar sesión
tray-quit = Salir
tooltip-signed-in = Latchkey: sesión iniciada como { $email }
tooltip-signed-out = Latchkey: sesión cerrada
tooltip-offline = Latchkey: sin conexión hasta { $until }
tooltip-terms = Latchkey: nuevas condiciones del servicio por aceptar
tooltip-expired = Latchkey: la sesión ha caducado, inicie sesión de nuevo

## First run, settings, password strength, tray, notifications
heading-first-run = Bienvenido a Latchkey
first-run-intro = Introduzca la dirección del servidor Latchkey de su organización. Su departamento de TI se la puede indicar.
label-server-url = Dirección del servidor
button-continue = Continuar
language-automatic = Igual que el sistema
label-start-at-login = Iniciar Latchkey al iniciar sesión en este equipo
autostart-machine = Su administrador configuró Latchkey para que se inicie al iniciar sesión para todos los usuarios de este equipo.
setting-saved = Guardado.
strength-label = Seguridad de la contraseña
strength-0 = Demasiado corta
strength-1 = Débil
strength-2 = Aceptable
strength-3 = Buena
strength-4 = Fuerte
policy-rule-length = Entre { $min } y { $max } caracteres
policy-rule-common = No es una contraseña de uso común
policy-rule-email = No contiene su dirección de correo electrónico
tray-start-at-login = Iniciar al iniciar sesión
tray-language = Idioma
tray-about = Acerca de Latchkey
notify-signed-in = Sesión iniciada en Latchkey
notify-signed-in-body = Ha iniciado sesión como { $email }.
notify-expired = La sesión de Latchkey ha caducado
notify-expired-body = Vuelva a iniciar sesión para seguir usando sus aplicaciones.
notify-terms = Nuevos Términos del servicio
notify-terms-body = Abra Latchkey para leer y aceptar los nuevos Términos del servicio.
notify-offline = Latchkey funciona sin conexión
notify-offline-body = No se puede contactar con el servidor. Sus aplicaciones siguen funcionando hasta { $until }.
notify-update = Actualización de Latchkey disponible
notify-update-body = Latchkey { $version } está disponible: abra Aplicaciones en Latchkey para instalarlo.
notify-updating = Actualizando Latchkey
notify-updating-body = Se está instalando Latchkey { $version }.
error-setting_enforced = Su organización define este valor, por lo que no se puede cambiar aquí.
error-invalid_setting = Ese valor no es válido.
error-setting_unwritable = No se pudo guardar el ajuste.
webview-missing-title = Latchkey no puede abrir su ventana
webview-missing = No está instalado Microsoft Edge WebView2 Runtime, que necesita la ventana de Latchkey. El inicio de sesión desde otras aplicaciones y el comando latchkey siguen funcionando. Pida a su departamento de TI que instale WebView2 Runtime, u obténgalo en https://go.microsoft.com/fwlink/p/?LinkId=2124703

## The signed-in screen, for people
role-fulfillment_contact = Contacto de gestión de pedidos
role-account_admin = Administrador de la cuenta
role-co_admin = Coadministrador
role-product_delivery_download = Entrega de productos – Descarga
feature-download = Descargas
badge-offline = Sin conexión
entitlement-offline-days = { $days ->
    [one] Se puede usar sin conexión un día más
   *[other] Se puede usar sin conexión { $days } días más
}
entitlement-offline-hours = { $hours ->
    [one] Se puede usar sin conexión una hora más
   *[other] Se puede usar sin conexión { $hours } horas más
}
entitlement-ends = La suscripción termina el { $date }
entitlements-empty = Todavía no tiene productos asignados. Consulte a su administrador.
entitlements-loading = Cargando sus productos…

## The command line (`latchkey`): answers, the terminal dialogue and its prompts (the program adds ": ")
cli-signed-in = Sesión iniciada como { $who }
cli-signed-in-offline = Sesión iniciada como { $who }, trabajando sin conexión hasta { $until }
cli-tos-pending = Debe aceptar las condiciones del servicio: ejecute `latchkey sign-in`
cli-session-ended = La sesión ha terminado: ejecute `latchkey sign-in`
cli-signing-in = Iniciando sesión…
cli-signed-out = Sesión cerrada
cli-sign-out-done = Sesión cerrada.
cli-setting-unset = (sin establecer)
cli-entitled = { $product }: con derecho de uso ({ $features })
cli-not-entitled = { $product }: sin derecho de uso ({ $reason })
cli-entitlement-until = hasta el { $date }
cli-entitlement-no-end = sin fecha de fin
cli-entitlements-summary = { $count ->
    [one] (un derecho de uso, { $source }, utilizable sin conexión hasta { $until })
   *[other] ({ $count } derechos de uso, { $source }, utilizables sin conexión hasta { $until })
}
cli-window-open = La ventana de Latchkey está abierta: inicie sesión allí.
cli-app-installed = instalado { $version }
cli-app-not-installed = no instalado
cli-app-available = { $version } disponible
cli-app-up-to-date = al día
cli-app-ask-admin = pida a su administrador el rol Entrega de productos – Descarga
cli-app-not-allowed = su organización no permite instalarlo
cli-app-nothing-here = nada disponible para este equipo
cli-install-progress = Descargando { $product } { $version }: { $percent } %
cli-install-verifying = Comprobando la descarga…
cli-install-installing = Instalando { $product } { $version }…
cli-consent-none-waiting = Ningún programa está esperando una respuesta.
cli-consent-approving = Se permite: { $program }
cli-consent-confirm = ¿Permitir que { $program } use su inicio de sesión? [s/N]
cli-consent-unknown-program = No hay ninguna decisión guardada para { $program }: indíquelo por su ruta o su SHA-256 tal como lo muestra `latchkey apps list`.
cli-consent-name-one = Hay varios programas esperando: indique uno por su id (latchkey apps approve ID).
cli-consent-mode = Modo de consentimiento: { $mode }
cli-consent-by-organization = permitido por su organización
cli-consent-allowed = permitido
cli-consent-denied = denegado
cli-consent-waiting = esperando
cli-install-done = { $product } { $version } está instalado.
cli-install-cancelled = Cancelado. Ejecute la misma orden de nuevo para reanudar la descarga.
cli-prompt-email = Correo electrónico
cli-prompt-password = Contraseña
cli-prompt-password-or-empty = Contraseña (déjela vacía si aún no tiene una o la ha olvidado)
cli-prompt-new-password = Nueva contraseña
cli-prompt-code = Código del correo
cli-no-email = No se ha indicado ninguna dirección de correo.
cli-code-format = El código son los 8 dígitos del correo.
cli-code-sent = Si la dirección está registrada, recibirá un código por correo.
cli-password-set = Contraseña establecida.
cli-password-set-sign-in = Su contraseña está establecida: inicie sesión con `latchkey sign-in`.
cli-accept-tos = ¿Acepta las condiciones del servicio (versión { $version })? [s/N]
# The answers that mean yes to cli-accept-tos, comma-separated; "y" and "yes" are always accepted too.
cli-yes = s, sí, si
cli-tos-declined = No puede usar Latchkey sin aceptar las condiciones del servicio; se ha cerrado su sesión.
cli-no-server = No hay ningún servidor configurado: establezca ServerUrl (LATCHKEY_SERVER_URL, o server_url en ~/.config/latchkey/settings.toml).
cli-agent-not-running = Latchkey no se está ejecutando en { $socket }: abra la aplicación Latchkey o ejecute `latchkey agent` (para servidores y sesiones SSH).
cli-foreign-agent = El agente de Latchkey en { $socket } se ejecuta como { $user }, no como usted: no se le ha enviado nada.
cli-not-signed-in = No ha iniciado sesión: ejecute `latchkey sign-in` o abra Latchkey.
cli-tos-required = Primero debe aceptar las condiciones del servicio: ejecute `latchkey sign-in` o abra Latchkey.
cli-unexpected-answer = No se ha entendido la respuesta del agente: { $detail }
cli-agent-io = Ha fallado la comunicación con el agente: { $detail }
cli-agent-cannot-start = El agente no puede iniciarse: { $detail }
cli-no-agent-program = Esta orden necesita latchkey-agent, que se instala junto a latchkey: { $detail }

## The Applications screen
button-applications = Aplicaciones
heading-applications = Aplicaciones
apps-loading = Cargando sus aplicaciones…
apps-empty = No tiene aplicaciones disponibles.
app-installed = Instalado: { $version }
app-not-installed = No instalado
app-available = Disponible: { $version }
app-up-to-date = Al día
app-nothing-here = No se ofrece nada para este equipo.
app-ask-admin = Para descargar aplicaciones necesita el rol Entrega de productos – Descarga. Pregunte a su administrador.
app-not-allowed = Su organización no permite instalar esta aplicación.
app-release-notes = Notas de la versión
button-install = Descargar e instalar
button-update = Actualizar
button-cancel = Cancelar
install-downloading = Descargando… { $percent } %
install-verifying = Comprobando la descarga…
install-installing = Instalando…
install-done = Instalado.
install-cancelled = Cancelado. Vuelva a pulsar Descargar e instalar para reanudar.

## A program asking to use the sign-in, and the programs decided about (Settings)
heading-consent = ¿Permitir que este programa use su inicio de sesión?
heading-consent-none = Los programas y su inicio de sesión
consent-label-path = Programa
consent-label-sha256 = SHA-256
consent-label-pid = ID de proceso
consent-name = Se hace llamar «{ $name }», pero cualquier programa puede darse un nombre: lo que lo identifica es la ruta de arriba.
consent-explain = Si lo permite, recibirá tokens de acceso y sus derechos de uso mientras tenga la sesión iniciada.
consent-remembered = Latchkey recuerda «Permitir siempre» y «Denegar» para este programa; puede revocar ambas decisiones en Ajustes.
consent-expires = Plazo para responder: { $time }. Después, el programa será rechazado.
consent-more = { $count ->
    [one] Hay un programa más esperando.
   *[other] Hay { $count } programas más esperando.
}
button-allow-once = Permitir una vez
button-always-allow = Permitir siempre
button-deny = Denegar
consent-none = Ningún programa espera su respuesta.
consent-expired = Esa solicitud caducó: el programa fue rechazado esta vez y puede volver a pedirlo.
heading-consent-apps = Programas autorizados a usar su inicio de sesión
consent-apps-empty = Todavía no ha permitido ni denegado ningún programa.
consent-app-name = Se hace llamar «{ $name }»
consent-decision-allowed = Permitido el { $date }
consent-decision-denied = Denegado el { $date }
button-revoke = Revocar
consent-revoked = Revocado: Latchkey ya no recuerda su decisión sobre ese programa.
consent-mode-allow = Su organización permite que cualquier programa use su inicio de sesión.
consent-mode-deny-unknown = Solo los programas que su organización indica pueden usar su inicio de sesión.
consent-org-allowed = Permitidos por su organización:
