// What the terminal layer says: prompts, the editor's instructions, files that cannot be read, browsers that
// cannot be opened. The French reads like the seeds.
import { defineMessages } from '../core/i18n.ts';

export const t = defineMessages({
  en: {
    stdin: 'standard input',
    notUtf8: '{source} is not UTF-8 text; convert it first, e.g. iconv -f latin1 -t utf-8',

    'editor.scissors': 'Do not modify or remove the line above: everything below it is ignored.',
    'editor.noTerminal': '{what} is required (no terminal to open an editor on, or --no-input)',
    'editor.failed': 'the editor ({bin}) exited with status {status}; nothing was sent',
    'editor.cannotStart': 'cannot start the editor "{bin}": set EDITOR or VISUAL (or tix config set editor CMD)',

    'file.unreadable': '{flag}: {problem}',
    'file.missing': 'there is no file {path}',
    'file.directory': '{path} is a directory, not a file',
    'file.denied': 'no permission to read {path}',
    'file.other': 'cannot read {path} ({reason})',
    'dir.cannotCreate': '{flag}: cannot create the directory {path}: {problem}',
    'dir.fileInTheWay': '{file} is a file',
    'dir.denied': 'no permission to write there',
    'dir.notHere': '{parent} does not take new folders',
    'dir.other': 'the system refused ({reason})',

    'prompt.off': '{what} is required (prompts are off: no terminal, or --no-input)',
    'prompt.required': 'required: type an answer (Ctrl-C to stop)',
    'prompt.nothingChanged': 'cancelled; nothing was changed',
    'keys.navigate': 'navigate',
    'keys.select': 'select',
    'answer.yes': 'Yes',
    'answer.no': 'No',
    'answer.invalid': 'answer "{yes}" or "{no}"',

    'json.unknownField': {
      one: 'unknown JSON field {fields}; available: {valid}',
      other: 'unknown JSON fields {fields}; available: {valid}',
    },

    'browser.opening': 'Opening {url} in your browser.',
    'browser.failed': 'could not open a browser: {reason}',
    'browser.checkVariable': 'check the BROWSER variable, or open {url} yourself',
    'browser.setVariable': 'set BROWSER to your browser command, or open {url} yourself',
    'browser.warning': '{message}; {hint}',
    'browser.notFound': '{command} was not found',
    'browser.error': '{command}: {reason}',
    'browser.signal': '{command} exited with {signal}',
    'browser.exitCode': '{command} exited with code {code}',
  },
  fr: {
    stdin: "l'entrée standard",
    notUtf8: "{source} n'est pas du texte UTF-8 : convertissez-le d'abord, par exemple avec iconv -f latin1 -t utf-8",

    'editor.scissors': 'Ne modifiez pas et ne supprimez pas la ligne ci-dessus : tout ce qui la suit est ignoré.',
    'editor.noTerminal': '{what} est obligatoire (pas de terminal où ouvrir un éditeur, ou --no-input)',
    'editor.failed': "l'éditeur ({bin}) s'est arrêté avec le code {status} ; rien n'a été envoyé",
    'editor.cannotStart': "impossible de lancer l'éditeur « {bin} » : définissez EDITOR ou VISUAL (ou tix config set editor COMMANDE)",

    'file.unreadable': '{flag} : {problem}',
    'file.missing': "le fichier {path} n'existe pas",
    'file.directory': '{path} est un dossier, pas un fichier',
    'file.denied': "vous n'avez pas le droit de lire {path}",
    'file.other': 'impossible de lire {path} ({reason})',
    'dir.cannotCreate': '{flag} : impossible de créer le dossier {path} : {problem}',
    'dir.fileInTheWay': '{file} est un fichier',
    'dir.denied': "vous n'avez pas le droit d'écrire là",
    'dir.notHere': "{parent} n'accepte pas de nouveaux dossiers",
    'dir.other': 'le système a refusé ({reason})',

    'prompt.off': '{what} est obligatoire (pas de questions possibles : pas de terminal, ou --no-input)',
    'prompt.required': 'obligatoire : saisissez une réponse (Ctrl-C pour arrêter)',
    'prompt.nothingChanged': "annulé ; rien n'a été modifié",
    'keys.navigate': 'se déplacer',
    'keys.select': 'choisir',
    'answer.yes': 'Oui',
    'answer.no': 'Non',
    'answer.invalid': 'répondez « {yes} » ou « {no} »',

    'json.unknownField': {
      one: 'champ JSON inconnu : {fields} ; champs possibles : {valid}',
      other: 'champs JSON inconnus : {fields} ; champs possibles : {valid}',
    },

    'browser.opening': 'Ouverture de {url} dans votre navigateur.',
    'browser.failed': "impossible d'ouvrir un navigateur : {reason}",
    'browser.checkVariable': 'vérifiez la variable BROWSER, ou ouvrez {url} vous-même',
    'browser.setVariable': 'indiquez la commande de votre navigateur dans BROWSER, ou ouvrez {url} vous-même',
    'browser.warning': '{message} ; {hint}',
    'browser.notFound': '{command} est introuvable',
    'browser.error': '{command} : {reason}',
    'browser.signal': "{command} s'est arrêté ({signal})",
    'browser.exitCode': "{command} s'est arrêté avec le code {code}",
  },
});
