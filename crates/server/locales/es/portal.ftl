# The User Management web portal (/admin), served by latchkey-server. Every locale has every key:
# crates/server/src/portal/i18n.rs tests it.

## Frame
portal-title = Gestión de usuarios de Latchkey
skip-to-content = Ir al contenido
nav-label = Principal
nav-users = Usuarios
nav-add-user = Añadir usuario
nav-bulk = Registro masivo
nav-domains = Dominios
nav-requests = Solicitudes de incorporación
nav-organization = Organización
signed-in-as = Sesión iniciada como { $email }
button-sign-out = Cerrar sesión
language-label = Idioma
button-change-language = Cambiar

## Sign-in and Terms
heading-sign-in = Iniciar sesión en Gestión de usuarios
sign-in-intro = Para administradores de una organización. Utilice la misma dirección de correo electrónico y la misma contraseña que en el cliente de Latchkey.
label-email = Correo electrónico
label-password = Contraseña
button-sign-in = Iniciar sesión
forgot-hint = ¿Aún no tiene contraseña o la ha olvidado? Elija “¿Ha olvidado su contraseña?” en el cliente de Latchkey o establézcala aquí.
link-forgot = ¿Ha olvidado su contraseña?
error-credentials = La dirección de correo electrónico o la contraseña no son correctas.
error-locked = Demasiados intentos fallidos. Vuelva a intentarlo dentro de { $minutes } minutos.
error-rate-limited = Demasiados intentos. Vuelva a intentarlo dentro de { $minutes } minutos.
error-proof-required = Demasiadas solicitudes desde esta dirección o red. Active JavaScript en el navegador (demuestra que no es un bot) y vuelva a enviar el formulario.
error-proof-invalid = La comprobación de que no es un bot ha fallado o ha caducado. Vuelva a enviar el formulario.
error-not-admin = Este portal es para los administradores de una organización. Su cuenta no tiene ningún rol de administrador.
heading-terms = Condiciones del servicio
terms-intro = Acepte las Condiciones del servicio para continuar.
button-accept = Aceptar
button-decline = Rechazar
terms-declined = No puede usar Gestión de usuarios sin aceptar las Condiciones del servicio.
terms-expired = El inicio de sesión ha tardado demasiado. Vuelva a iniciar sesión.
signed-out = Ha cerrado la sesión.

## Forgot password
heading-forgot = Establecer o restablecer la contraseña
forgot-intro = Introduzca su dirección de correo electrónico. Si está registrada, le enviaremos un código.
button-send-code = Enviar código
code-sent = Si { $email } está registrada, le hemos enviado un código a esa dirección. Introdúzcalo a continuación junto con su nueva contraseña.
label-code = Código del correo electrónico
label-new-password = Nueva contraseña
password-hint = Al menos { $min } caracteres. Las frases de contraseña más largas son más seguras; se admite cualquier carácter.
button-set-password = Establecer contraseña
password-set = Su contraseña se ha establecido. Inicie sesión con ella.
error-code = El código no es correcto o ha caducado. Solicite uno nuevo.
weak-password = La contraseña es demasiado débil: { $reasons }
weak-too_short = tiene menos de { $min } caracteres
weak-too_long = es demasiado larga
weak-common = es una contraseña de uso común
weak-contains_email = contiene su dirección de correo electrónico

## Users
heading-users = Usuarios
search-label = Buscar por dirección o nombre
button-search = Buscar
column-email = Correo electrónico
column-name = Nombre
column-country = País
column-roles = Roles
column-status = Estado
status-invited = Invitado
status-active = Activo
status-locked = Bloqueado
no-users = Ningún usuario coincide.
link-next-page = Página siguiente
link-first-page = Primera página
users-count = { $count ->
    [one] { $count } usuario en esta página
   *[other] { $count } usuarios en esta página
}
link-manage = Gestionar
column-actions = Acciones
pages-label = Páginas

## Add a user
heading-add-user = Añadir un usuario
add-user-intro = El usuario recibe un correo electrónico que le indica cómo establecer su contraseña en el cliente de Latchkey.
label-first-name = Nombre
label-last-name = Apellidos
label-country = País
choose-country = Elija un país
label-roles = Roles
label-mail-language = Idioma del correo electrónico
button-add-user = Añadir usuario
user-added = { $email } se ha añadido e invitado.

## Roles
role-fulfillment_contact = Contacto de gestión de pedidos
role-account_admin = Administrador de la cuenta
role-co_admin = Coadministrador
role-product_delivery_download = Entrega de productos – Descarga
role-not-grantable = (superior a su propio rol)

## One user
heading-user = { $name }
label-status = Estado
label-member-since = Miembro desde
button-save-roles = Guardar roles
roles-saved = Se han guardado los roles de { $email }.
heading-remove = Quitar de la organización
remove-intro = { $email } pierde de inmediato el acceso a los productos de la organización y se cierra su sesión en todas partes. La cuenta en sí se conserva.
button-remove = Quitar a { $email }
confirm-remove = ¿Quitar a { $email } de la organización?
user-removed = { $email } se ha quitado de la organización.

## Bulk register
heading-bulk = Registro masivo de usuarios
bulk-intro = Suba un archivo CSV con las columnas email, first_name, last_name, country y, opcionalmente, roles (separados por ;) y language. Primero verá una comprobación de cada línea; no se guarda nada hasta que importe.
link-template = Descargar la plantilla (CSV)
label-file = Archivo CSV (como máximo 10 MiB y 100.000 filas)
button-check = Comprobar el archivo
heading-report = Comprobación de { $file }
report-ready = { $count ->
    [one] Se puede añadir { $count } usuario.
   *[other] Se pueden añadir { $count } usuarios.
}
report-already = { $count ->
    [one] { $count } dirección ya es miembro y no se modifica.
   *[other] { $count } direcciones ya son miembros y no se modifican.
}
report-failed = { $count ->
    [0] Ninguna línea tiene errores.
    [one] { $count } línea tiene un error y no se importará:
   *[other] { $count } líneas tienen errores y no se importarán:
}
column-line = Línea
column-problem = Problema
link-error-report = Descargar las líneas con errores (CSV)
link-upload-another = Subir otro archivo
button-import = Importar { $count ->
    [one] { $count } usuario
   *[other] { $count } usuarios
}
report-fix-hint = Corrija las líneas con errores en su archivo y vuelva a subirlo, o importe ahora las líneas válidas.
heading-imported = Importación finalizada
imported = { $count ->
    [one] Se ha añadido e invitado a { $count } usuario.
   *[other] Se han añadido e invitado a { $count } usuarios.
}
upload-expired = Este archivo subido ya no está disponible. Vuelva a subir el archivo.
error-file-missing = Elija un archivo CSV para subir.
problem-invalid_email = La dirección de correo electrónico no es válida.
problem-invalid_country = El país no es un código ISO 3166, como DE o US.
problem-unknown_role = Hay un rol desconocido.
problem-duplicate_row = La dirección aparece antes en el archivo.
problem-missing_field = Un campo obligatorio está vacío.
problem-field_too_long = Un campo es demasiado largo.
problem-invalid_characters = Un campo contiene caracteres no permitidos, como un salto de línea.
problem-member_of_other_org = La dirección pertenece a otra organización.
problem-role_not_grantable = Un rol es superior al suyo.
problem-invalid_language = El idioma no es ninguno de en, es, fr, tr, nl, it, de, pl, cs.

## Domains
heading-domains = Dominios
domains-intro = Con la aprobación automática activada, cualquier persona que se registre con una dirección del dominio se une a la organización sin esperar a un administrador.
column-domain = Dominio
column-verified = Verificado
column-auto-approval = Aprobación automática
yes = Sí
no = No
button-turn-on = Activar la aprobación automática
button-turn-off = Desactivar la aprobación automática
no-domains = La organización aún no tiene dominios.
heading-add-domain = Verifique su dominio
add-domain-intro = Puede verificar el dominio de su propia dirección, { $domain }.
label-auto-approve = Activar la aprobación automática de inmediato
button-verify-domain = Verificar { $domain }
domain-saved = Se ha guardado { $domain }.

## Join requests
heading-requests = Solicitudes de incorporación
requests-intro = Personas que se registraron con un dominio verificado de la organización mientras la aprobación automática estaba desactivada.
column-requested = Fecha de solicitud
button-approve = Aprobar
button-reject = Rechazar
no-requests = No hay nadie esperando.
request-approved = { $email } se ha unido a la organización.
request-rejected = Se ha rechazado la solicitud de { $email }.

## Organization
heading-organization = Organización
label-org-name = Nombre
label-org-id = Identificador
label-fulfillment-contact = Contacto de gestión de pedidos
label-offline-grace = Uso sin conexión
offline-grace-days = { $days ->
    [one] { $days } día sin conexión
   *[other] { $days } días sin conexión
}
heading-subscriptions = Suscripciones
column-product = Producto
column-expires = Caduca
never-expires = No caduca
no-subscriptions = La organización no tiene suscripciones.

## Errors
heading-error = Se ha producido un error
error-forbidden = No tiene permiso para hacer esto. Solo pueden hacerlo los administradores de esta organización.
error-not-found = Esta página no existe o el usuario no es miembro de su organización.
error-csrf = El formulario ha caducado. Vuelva a cargar la página e inténtelo de nuevo.
error-too-large = El archivo ocupa más de 10 MiB.
error-too-many-rows = El archivo tiene más de 100.000 filas.
error-invalid-csv = El archivo no se puede leer como CSV: { $detail }
error-last-administrator = La organización debe conservar un contacto de gestión de pedidos y un administrador.
error-validation = Revise los campos resaltados.
error-field-email = Introduzca una dirección de correo electrónico válida.
error-field-name = Introduzca un nombre (como máximo 100 caracteres, sin saltos de línea).
error-field-country = Elija un país.
error-already-member = Esta dirección ya es miembro de la organización.
error-other-org = Esta dirección pertenece a otra organización.
error-public-domain = Un dominio de correo público no puede pertenecer a una organización.
error-domain-taken = Otra organización ya tiene este dominio.
error-domain-not-verified = Aquí solo se puede verificar el dominio de su propia dirección.
error-bad-request = La solicitud no es válida: { $detail }
error-generic = El servidor no ha podido realizar esta acción. Vuelva a intentarlo más tarde. (Referencia: { $code })
link-back-to-users = Volver a los usuarios

## Software: the policy page and the public download page
nav-software = Software
heading-software = Software
software-intro = Elija cuáles de sus productos pueden instalar desde Latchkey los miembros con el rol Entrega de productos – Descarga, y en qué versión.
label-update-channel = Actualizaciones de Latchkey
update-channel-auto = Automáticamente
update-channel-notify = Avisar al usuario
update-channel-off = Desactivadas (TI despliega las actualizaciones)
update-channel-hint = Un equipo con una directiva Updates más estricta conserva su propia configuración.
column-members-may-install = Los miembros pueden instalar
column-version = Versión
version-latest = La más reciente
button-save = Guardar
software-saved = La directiva de software se ha guardado.
heading-download = Descargar Latchkey
download-intro = Latchkey le da acceso a las aplicaciones de su organización. Instálelo en su equipo y elija ¿Ha olvidado la contraseña? para crear su contraseña.
no-downloads = Aún no se ha publicado ningún instalador.
download-link = { $platform }: Latchkey { $version }
download-size = ({ $megabytes } MB)
download-admin-link = Administradores: inicien sesión en Gestión de usuarios
platform-windows-x64 = Windows (64 bits)
platform-windows-x86 = Windows (32 bits)
platform-linux-deb = Linux (Debian, Ubuntu)
platform-linux-rpm = Linux (Fedora, RHEL, SUSE)
platform-macos = macOS
download-page-link = Los instaladores de Latchkey para sus usuarios: la página pública de descarga
