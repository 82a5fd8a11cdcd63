# The page's own words for madoguchi's public pages.
# Reference locale: every other locale translates these ids.
# Variables in { $braces } must be kept as they are.

## Language identity

# This language's name, written in this language (shown in the language picker).
language-name = Português (Brasil)
# This language's name in Japanese (shown to ward-office staff on the Japanese card).
language-name-ja = ポルトガル語
poster-scan-caption = Escaneie para ler no seu idioma

## Site

site-name = Madoguchi
site-tagline = Procedimentos da prefeitura explicados no seu idioma
skip-to-content = Pular para o conteúdo
language-picker = Idioma

## Index page

index-title = Procedimentos da prefeitura
index-intro = Escolha um procedimento ou digite o código impresso abaixo do QR code.
no-procedures = Ainda não há procedimentos publicados.
search-label = Buscar procedimentos por nome ou código
search-submit = Buscar
search-none = Nenhum procedimento corresponde à sua busca. Tente outras palavras ou digite o código acima.
code-label = Código do procedimento
code-hint = De 4 a 6 letras e números, por exemplo K7Q2
code-submit = Abrir
code-invalid = “{ $code }” não é um código válido. O código tem de 4 a 6 letras e números.

## Guidance page

procedure-code = Código: { $code }
section-summary = O que é isto?
section-bring = O que levar
section-steps = Passo a passo
section-where = Aonde ir
field-office = Órgão
field-address = Endereço
field-floor = Andar
field-counter = Guichê
section-hours = Horário de atendimento
section-fee = Taxa
section-contact = Contato
section-notes = Observações
fallback-notice = Este procedimento ainda não está disponível em português. Ele aparece abaixo em { $shown }.
borrowed-notice = Algumas partes ainda não foram traduzidas e aparecem em outro idioma:
stale-notice = Esta tradução foi feita antes de o texto em japonês mudar em { $date }. Algumas informações podem estar desatualizadas: confirme com os atendentes no guichê.
stale-read-current = O texto atual:
section-ended-note = O que fazer em vez disso
staff-card-heading = Mostre isto ao funcionário
staff-card-hint = O quadro abaixo está escrito em japonês para os funcionários do guichê.
back-to-index = Todos os procedimentos

## The card shown to the staff
# These lines are shown twice: in Japanese (from the ja locale) for the staff,
# and in the resident's language underneath, so they know what the card says.

card-request = Eu gostaria de fazer este procedimento:
# A fixed sentence naming this language, in this language (no variable):
# "I speak English." The Japanese card names it with staff-card-language.
card-language = Eu falo português.
card-code = Código do procedimento: { $code }

## Error pages

not-found-title = Procedimento não encontrado
not-found-body = Não existe nenhum procedimento com o código { $code }. Verifique o código e tente novamente.
page-not-found-body = Esta página não existe. Verifique o endereço ou digite o código abaixo.
gone-title = Este procedimento foi encerrado
gone-body = Este procedimento não é mais oferecido. Pergunte no guichê indicado abaixo.
bad-request-title = Há algum problema com esta solicitação
bad-request-body = Não foi possível entender o endereço. Verifique-o ou digite o código abaixo.
server-error-title = Algo deu errado
server-error-body = Tente novamente daqui a pouco. Se continuar acontecendo, pergunte no guichê.
forbidden-title = Não permitido
forbidden-body = Você não pode abrir esta página. Entre com uma conta que tenha permissão.
too-many-title = Tentativas demais
too-many-body = Aguarde { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    } e tente novamente.
unavailable-title = Sistema ocupado
unavailable-body = Não foi possível fazer isso agora. Tente novamente em um minuto. Se continuar acontecendo, pergunte no guichê.

## Guidance page tools (the buttons show only where the browser can do them)

text-updated = Última atualização: { $date }
read-aloud = Ler em voz alta
listen = Ouvir
read-aloud-stop = Parar a leitura
copy-link = Copiar link
link-copied = Link copiado.
share = Compartilhar

## Full-screen card for the staff

staff-mode-open = Mostrar em tela cheia ao funcionário
staff-mode-close = Fechar tela cheia
phrases-heading = Frases para o guichê
phrase-not-understand = Não entendi.
phrase-write-down = Por favor, escreva.
phrase-interpreter = Tem intérprete?

## Offline re-reading

offline-note = Sem conexão: esta é a cópia salva neste celular.
saved-title = Páginas salvas
saved-intro = As páginas que você abrir ficam salvas neste celular, para que você possa lê-las de novo sem conexão. Nada é enviado para lugar nenhum.
saved-empty = Ainda não há páginas salvas. Abra a página de um procedimento e ela ficará salva aqui.
