# The page's own words for madoguchi's public pages.
# Reference locale: every other locale translates these ids.
# Variables in { $braces } must be kept as they are.

## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = Español
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = スペイン語
poster-scan-caption = Escanee para leer esto en su idioma

## Site

site-name = Madoguchi
site-tagline = Trámites municipales explicados en su idioma
skip-to-content = Saltar al contenido
language-picker = Idioma

## Index page

index-title = Trámites municipales
index-intro = Elija un trámite o escriba el código impreso debajo del código QR.
no-procedures = Todavía no hay trámites publicados.
search-label = Buscar trámites por nombre o código
search-submit = Buscar
search-none = Ningún trámite coincide con su búsqueda. Pruebe con otras palabras o escriba el código arriba.
code-label = Código del trámite
code-hint = De 4 a 6 letras y números, por ejemplo K7Q2
code-submit = Abrir
code-invalid = «{ $code }» no es un código válido. Un código tiene de 4 a 6 letras y números.

## Guidance page

procedure-code = Código: { $code }
section-summary = ¿Qué es esto?
section-bring = Qué llevar
section-steps = Pasos
section-where = Adónde ir
field-office = Oficina
field-address = Dirección
field-floor = Piso
field-counter = Ventanilla
section-hours = Horario de atención
section-fee = Costo
section-contact = Contacto
section-notes = Notas
fallback-notice = Este trámite todavía no está disponible en español. Abajo se muestra en { $shown }.
borrowed-notice = Algunas partes aún no están traducidas y se muestran en otro idioma:
stale-notice = Esta traducción se hizo antes de que el texto en japonés cambiara el { $date }. Algunos datos pueden estar desactualizados: consulte al personal de la ventanilla.
stale-read-current = El texto actual:
section-ended-note = Qué hacer en su lugar
staff-card-heading = Muestre esto al personal
staff-card-hint = El recuadro de abajo está escrito en japonés para el personal de la ventanilla.
back-to-index = Todos los trámites

## The card shown to the staff
# These lines are shown twice: in Japanese (from the ja locale) for the staff,
# and in the resident's language underneath, so they know what the card says.

card-request = Quisiera hacer este trámite:
# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = Hablo español.
card-code = Código del trámite: { $code }

## Error pages

not-found-title = Trámite no encontrado
not-found-body = No hay ningún trámite con el código { $code }. Revise el código e inténtelo de nuevo.
page-not-found-body = Esta página no existe. Revise la dirección o escriba el código abajo.
gone-title = Este trámite ya terminó
gone-body = Este trámite ya no se ofrece. Pregunte en la ventanilla indicada abajo.
bad-request-title = Hay un problema con esta solicitud
bad-request-body = No se pudo entender la dirección. Revísela o escriba el código abajo.
server-error-title = Algo salió mal
server-error-body = Vuelva a intentarlo en un momento. Si sigue pasando, pregunte en la ventanilla.
forbidden-title = No permitido
forbidden-body = No puede abrir esta página. Inicie sesión con una cuenta que tenga permiso.
too-many-title = Demasiados intentos
too-many-body = Espere { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    } y vuelva a intentarlo.
unavailable-title = Sistema ocupado
unavailable-body = No se pudo hacer en este momento. Inténtelo de nuevo en un minuto. Si sigue ocurriendo, pregunte en la ventanilla.

## Guidance page tools (the buttons show only where the browser can do them)

text-updated = Última actualización: { $date }
read-aloud = Leer en voz alta
listen = Escuchar
read-aloud-stop = Dejar de leer
copy-link = Copiar enlace
link-copied = Enlace copiado.
share = Compartir

## Full-screen card for the staff

staff-mode-open = Mostrar al personal en pantalla completa
staff-mode-close = Cerrar pantalla completa
phrases-heading = Frases para la ventanilla
phrase-not-understand = No entiendo.
phrase-write-down = Por favor, escríbalo.
phrase-interpreter = ¿Hay un intérprete?

## Offline re-reading

offline-note = Sin conexión: esta es la copia guardada en este teléfono.
saved-title = Páginas guardadas
saved-intro = Las páginas que abra se guardan en este teléfono, para que pueda volver a leerlas sin conexión. No se envía nada a ninguna parte.
saved-empty = Todavía no hay páginas guardadas. Abra la página de un trámite y se guardará aquí.
